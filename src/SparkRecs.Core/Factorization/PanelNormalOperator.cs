namespace SparkRecs.Core.Factorization;

/// <summary>
/// One ALS row's normal-equation matrix <c>A = S + ridge I + sum_i w_i y_i y_i^T</c> on padded
/// vectors, applied with <see cref="FactorKernels"/>: <c>S</c> is the shared Gram matrix (or the
/// row's fully assembled system, or nothing), and the <c>y_i</c> are the rows of a gathered panel.
/// </summary>
/// <remarks>
/// The vectorised counterpart of <see cref="RowNormalOperator"/>: the observed factor rows are read
/// from a contiguous panel the row solver filled once, so the three or four products of a
/// conjugate-gradient solve stream them from cache instead of gathering them from the factor matrix
/// each time. Its <see cref="Dimension"/> is the padded rank; the padded coordinates of every vector
/// stay zero through the solve because the matrix has zero rows and columns there.
/// </remarks>
internal readonly ref struct PanelNormalOperator : ISymmetricOperator
{
    private readonly ReadOnlySpan<float> _matrix;
    private readonly float _ridge;
    private readonly ReadOnlySpan<float> _panel;
    private readonly ReadOnlySpan<float> _weights;
    private readonly int _count;

    /// <summary>
    /// Describes <c>matrix + ridge I + sum over the first <paramref name="count"/> panel rows</c>,
    /// all of padded dimension <paramref name="kp"/>; <paramref name="matrix"/> may be empty (zero).
    /// </summary>
    public PanelNormalOperator(ReadOnlySpan<float> matrix, float ridge, ReadOnlySpan<float> panel, ReadOnlySpan<float> weights, int count, int kp)
    {
        FactorKernels.CheckPanel(panel.Length, weights.Length, count, kp);
        _matrix = matrix;
        _ridge = ridge;
        _panel = panel;
        _weights = weights;
        _count = count;
        Dimension = kp;
    }

    /// <inheritdoc />
    public int Dimension { get; }

    /// <inheritdoc />
    public void Apply(ReadOnlySpan<float> x, Span<float> destination)
    {
        FactorKernels.ApplySymmetric(_matrix, _ridge, x, destination, Dimension);
        if (_count > 0)
        {
            FactorKernels.ApplyObservations(_panel, _weights, _count, x, destination, Dimension);
        }
    }
}
