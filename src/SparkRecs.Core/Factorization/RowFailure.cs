namespace SparkRecs.Core.Factorization;

/// <summary>A row whose solve failed, and how.</summary>
/// <param name="Row">The row (user or item id).</param>
/// <param name="Kind">What went wrong.</param>
internal readonly record struct RowFailure(int Row, RowFailureKind Kind);
