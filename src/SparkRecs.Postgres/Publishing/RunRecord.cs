namespace SparkRecs.Postgres.Publishing;

/// <summary>One row of the run registry (<c>runs</c>), as listed by the <c>runs</c> command.</summary>
public sealed record RunRecord(
    long RunId,
    string Model,
    RunStatus Status,
    DateTimeOffset? WindowFrom,
    DateTimeOffset? WindowTo,
    string Engine,
    string ParametersJson,
    string MetricsJson,
    int? UserCount,
    int? ItemCount,
    int? FactorRank,
    long? RecommendationRows,
    long? SimilarRows,
    int? PopularRows,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LoadedAt,
    DateTimeOffset? PublishedAt,
    string? PublishedBy,
    DateTimeOffset? RetiredAt,
    DateTimeOffset? TablesDroppedAt,
    string? Failure)
{
    /// <summary>True while the run's tables exist, so it can be published or rolled back to.</summary>
    public bool HasTables => TablesDroppedAt is null && Status is not RunStatus.Failed;
}
