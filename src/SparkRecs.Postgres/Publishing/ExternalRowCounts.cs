namespace SparkRecs.Postgres.Publishing;

/// <summary>
/// The rows an external loader was asked to write, counted where the rows come from (Spark, before
/// the write), and checked against what the tables hold by <see cref="Publisher.FinishExternalLoadAsync"/>.
/// </summary>
/// <param name="Recommendations">Rows of the top-N table.</param>
/// <param name="UserFactors">Rows of the user factor table.</param>
/// <param name="ItemFactors">Rows of the item factor table.</param>
/// <param name="FactorRank">Length every factor array must have.</param>
public sealed record ExternalRowCounts(long Recommendations, long UserFactors, long ItemFactors, int FactorRank);
