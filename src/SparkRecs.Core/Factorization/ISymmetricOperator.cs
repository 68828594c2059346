namespace SparkRecs.Core.Factorization;

/// <summary>
/// A symmetric positive-definite k x k matrix known only through its product with a vector, so
/// <see cref="ConjugateGradient"/> can solve ALS rows without forming the matrix.
/// </summary>
/// <remarks>Implemented by <c>ref struct</c>s over spans; used as a generic constraint, never boxed.</remarks>
internal interface ISymmetricOperator
{
    /// <summary>The dimension <c>k</c>.</summary>
    int Dimension { get; }

    /// <summary>Writes <c>A x</c> into <paramref name="destination"/> (same length as <paramref name="x"/>, not overlapping it).</summary>
    void Apply(ReadOnlySpan<float> x, Span<float> destination);
}
