namespace SparkRecs.Postgres.Loading;

/// <summary>What a bulk load wrote, each count confirmed by the server's COPY row count.</summary>
/// <param name="RecommendationRows">Rows of the top-N table (padding excluded).</param>
/// <param name="UserRows">Rows of the user factor table.</param>
/// <param name="ItemRows">Rows of the item factor table.</param>
/// <param name="SimilarRows">Rows of the similar-items table.</param>
/// <param name="PopularRows">Rows of the popular fallback table.</param>
/// <param name="FactorRank">Length of every factor array.</param>
/// <param name="CopyTime">Time spent in COPY (all tables).</param>
/// <param name="IndexTime">Time spent building keys and running ANALYZE.</param>
public sealed record LoadSummary(
    long RecommendationRows,
    int UserRows,
    int ItemRows,
    long SimilarRows,
    int PopularRows,
    int FactorRank,
    TimeSpan CopyTime,
    TimeSpan IndexTime);
