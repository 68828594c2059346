namespace SparkRecs.Core.Factorization;

/// <summary>How a row's solve failed.</summary>
internal enum RowFailureKind
{
    /// <summary>The solution has NaN or infinite values, or a squared norm beyond float range.</summary>
    NonFiniteFactors,

    /// <summary>The assembled system holds NaN or infinity (a confidence or rating too large for float).</summary>
    NonFiniteSystem,

    /// <summary>Cholesky met a pivot that was not positive: the system is singular (or holds NaN).</summary>
    NotPositiveDefinite,
}
