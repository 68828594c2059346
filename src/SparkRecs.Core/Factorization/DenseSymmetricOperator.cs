using System.Numerics.Tensors;

namespace SparkRecs.Core.Factorization;

/// <summary>A full row-major symmetric matrix as an <see cref="ISymmetricOperator"/> (k dot products per product).</summary>
internal readonly ref struct DenseSymmetricOperator : ISymmetricOperator
{
    private readonly ReadOnlySpan<float> _matrix;

    /// <summary>Wraps <paramref name="matrix"/>, <c>dimension^2</c> values, both triangles filled.</summary>
    public DenseSymmetricOperator(ReadOnlySpan<float> matrix, int dimension)
    {
        if (matrix.Length != dimension * dimension)
        {
            throw new ArgumentException($"Expected {dimension} x {dimension} values, got {matrix.Length}.", nameof(matrix));
        }
        _matrix = matrix;
        Dimension = dimension;
    }

    /// <inheritdoc />
    public int Dimension { get; }

    /// <inheritdoc />
    public void Apply(ReadOnlySpan<float> x, Span<float> destination)
    {
        int k = Dimension;
        for (int j = 0; j < k; j++)
        {
            destination[j] = TensorPrimitives.Dot(_matrix.Slice(j * k, k), x);
        }
    }
}
