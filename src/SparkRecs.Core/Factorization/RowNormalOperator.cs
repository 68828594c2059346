using System.Numerics.Tensors;

namespace SparkRecs.Core.Factorization;

/// <summary>
/// One ALS row's normal-equation matrix <c>A = G + sum_i w_i y_i y_i^T + lambda I</c> applied
/// without forming it: <c>G</c> is the implicit kind's shared <c>Y^T Y</c> (empty for explicit),
/// <c>i</c> runs over the row's observations, <c>w_i</c> is <see cref="Confidence.Weight"/>.
/// </summary>
/// <remarks>
/// A product costs <c>k^2</c> for <c>G p</c> plus <c>2 k</c> per observation (a dot and a
/// multiply-add), against <c>k^2 / 2</c> per observation to form <c>A</c>: the reason conjugate
/// gradient beats Cholesky as soon as rows hold more than a handful of observations.
/// </remarks>
internal readonly ref struct RowNormalOperator : ISymmetricOperator
{
    private readonly ReadOnlySpan<float> _gram;
    private readonly ReadOnlySpan<float> _fixedFactors;
    private readonly ReadOnlySpan<int> _columns;
    private readonly ReadOnlySpan<float> _values;
    private readonly bool _implicit;
    private readonly float _alpha;
    private readonly float _ridge;

    /// <summary>
    /// Describes one row, whose observations are the fixed side's rows <paramref name="columns"/> with
    /// values <paramref name="values"/>, against the fixed side's factors.
    /// </summary>
    public RowNormalOperator(ReadOnlySpan<float> gram, FactorMatrix fixedFactors, ReadOnlySpan<int> columns, ReadOnlySpan<float> values, bool isImplicit, float alpha, float ridge)
    {
        if (columns.Length != values.Length)
        {
            throw new ArgumentException($"{columns.Length} columns but {values.Length} values.", nameof(values));
        }
        Dimension = fixedFactors.Rank;
        _gram = gram;
        _fixedFactors = fixedFactors.Data;
        _columns = columns;
        _values = values;
        _implicit = isImplicit;
        _alpha = alpha;
        _ridge = ridge;
    }

    /// <inheritdoc />
    public int Dimension { get; }

    /// <summary>Writes the row's right-hand side <c>b = sum_i target_i y_i</c>.</summary>
    public void RightHandSide(Span<float> destination)
    {
        int k = Dimension;
        destination.Clear();
        for (int n = 0; n < _columns.Length; n++)
        {
            float target = Confidence.Target(_values[n], _implicit, _alpha);
            if (target != 0f)
            {
                TensorPrimitives.MultiplyAdd(_fixedFactors.Slice(_columns[n] * k, k), target, destination, destination);
            }
        }
    }

    /// <inheritdoc />
    public void Apply(ReadOnlySpan<float> x, Span<float> destination)
    {
        int k = Dimension;
        if (_gram.IsEmpty)
        {
            destination.Clear();
        }
        else
        {
            for (int j = 0; j < k; j++)
            {
                destination[j] = TensorPrimitives.Dot(_gram.Slice(j * k, k), x);
            }
        }
        TensorPrimitives.MultiplyAdd(x, _ridge, destination, destination);
        for (int n = 0; n < _columns.Length; n++)
        {
            float weight = Confidence.Weight(_values[n], _implicit, _alpha);
            if (weight != 0f)
            {
                var y = _fixedFactors.Slice(_columns[n] * k, k);
                TensorPrimitives.MultiplyAdd(y, weight * TensorPrimitives.Dot(y, x), destination, destination);
            }
        }
    }
}
