using System.Numerics.Tensors;

namespace SparkRecs.Core.Factorization;

/// <summary>
/// Accumulates one row's least-squares normal equations <c>A x = b</c> of rank <c>k</c>, one
/// observation at a time, separately from solving them (the solver is chosen afterwards).
/// </summary>
/// <remarks>
/// Only the lower triangle of <c>A</c> is accumulated (row <c>j</c>, columns <c>0..j</c>), each
/// rank-1 update being <c>k</c> contiguous <see cref="TensorPrimitives.MultiplyAdd(ReadOnlySpan{float}, float, ReadOnlySpan{float}, Span{float})"/>
/// calls: this <c>O(k^2 / 2)</c> per observation is the dominant cost of the Cholesky path, so it
/// runs in <c>float</c> (twice the SIMD width of <c>double</c>). The sum of a few thousand float
/// terms keeps about 5 significant digits, plenty for a regularised system; the factorisation,
/// where cancellation does hurt, runs in <c>double</c> (<see cref="CopyTo"/>, <see cref="CholeskySolver"/>).
/// One instance is scratch for one worker thread; it is reused for every row without allocating.
/// </remarks>
internal sealed class NormalEquation
{
    private readonly float[] _a;
    private readonly float[] _b;

    /// <summary>Allocates the k x k and k buffers once.</summary>
    public NormalEquation(int rank)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rank);
        Rank = rank;
        _a = new float[rank * rank];
        _b = new float[rank];
    }

    /// <summary>Bytes of the accumulated system.</summary>
    public long MemoryBytes => ScratchBytes.Of(_a, _b);

    /// <summary>The dimension <c>k</c>.</summary>
    public int Rank { get; }

    /// <summary>The accumulated matrix, row-major; only the lower triangle is meaningful.</summary>
    public ReadOnlySpan<float> A => _a;

    /// <summary>The accumulated right-hand side.</summary>
    public ReadOnlySpan<float> B => _b;

    /// <summary>Starts a new row: <c>A = 0, b = 0</c>.</summary>
    public void Reset()
    {
        Array.Clear(_a);
        Array.Clear(_b);
    }

    /// <summary>
    /// Starts a new row from a shared symmetric base matrix, <c>A = baseMatrix, b = 0</c>: the
    /// implicit kind's <c>Y^T Y</c>, computed once per sweep instead of once per row.
    /// </summary>
    public void Reset(ReadOnlySpan<float> baseMatrix)
    {
        if (baseMatrix.Length != _a.Length)
        {
            throw new ArgumentException($"Expected a {Rank} x {Rank} matrix, got {baseMatrix.Length} values.", nameof(baseMatrix));
        }
        baseMatrix.CopyTo(_a);
        Array.Clear(_b);
    }

    /// <summary>
    /// Adds one observation: <c>A += weight * y y^T</c> and <c>b += target * y</c>. Explicit ALS adds
    /// <c>(y_i, r_ui, 1)</c>; implicit adds <c>(y_i, c_ui * p_ui, c_ui - 1)</c>.
    /// </summary>
    public void Add(ReadOnlySpan<float> y, float target, float weight)
    {
        int k = Rank;
        if (y.Length != k)
        {
            throw new ArgumentException($"Expected {k} factors, got {y.Length}.", nameof(y));
        }
        if (weight != 0f)
        {
            Span<float> a = _a;
            for (int j = 0; j < k; j++)
            {
                float scale = weight * y[j];
                if (scale != 0f)
                {
                    var row = a.Slice(j * k, j + 1);
                    TensorPrimitives.MultiplyAdd(y[..(j + 1)], scale, row, row);
                }
            }
        }
        if (target != 0f)
        {
            TensorPrimitives.MultiplyAdd(y, target, _b, _b);
        }
    }

    /// <summary>
    /// Writes the full symmetric system in double precision with <paramref name="ridge"/> added to
    /// the diagonal (<c>A + ridge I</c>, <c>b</c>): the input of <see cref="CholeskySolver"/> and
    /// <see cref="NonNegativeLeastSquares"/>.
    /// </summary>
    public void CopyTo(Span<double> a, Span<double> b, double ridge)
    {
        int k = Rank;
        if (a.Length < k * k || b.Length < k)
        {
            throw new ArgumentException($"Destination needs {k * k} + {k} doubles.");
        }
        for (int i = 0; i < k; i++)
        {
            int rowStart = i * k;
            for (int j = 0; j < i; j++)
            {
                double v = _a[rowStart + j];
                a[rowStart + j] = v;
                a[j * k + i] = v;
            }
            a[rowStart + i] = _a[rowStart + i] + ridge;
            b[i] = _b[i];
        }
    }
}
