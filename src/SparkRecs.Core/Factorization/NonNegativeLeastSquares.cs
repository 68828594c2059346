using System.Numerics.Tensors;

namespace SparkRecs.Core.Factorization;

/// <summary>
/// Solves <c>min x^T A x / 2 - b^T x subject to x &gt;= 0</c> for symmetric positive-definite
/// <c>A</c> (a row's normal equations): projected coordinate descent to find which coordinates are
/// zero, then an exact Cholesky solve on the others.
/// </summary>
/// <remarks>
/// <para>A coordinate step minimises the quadratic exactly along one axis and clips at zero,
/// <c>x_j = max(0, x_j - g_j / A_jj)</c>, with the gradient <c>g = A x - b</c> kept up to date in
/// <c>O(k)</c>; a sweep costs <c>k^2</c>. Every step lowers the quadratic, so starting from the
/// previous (feasible) factors ALS keeps descending, and the iteration converges to the unique
/// constrained minimiser (the problem is strictly convex), but only linearly.</para>
/// <para>So after every few sweeps the coordinates that are still positive (the free set F) are
/// solved exactly, <c>A_FF z = b_F</c> by <see cref="CholeskySolver"/> (<c>|F|^3 / 3</c>). If
/// <c>z &gt; 0</c> and the gradient is non-negative on every clipped coordinate, the
/// Karush-Kuhn-Tucker conditions hold and <c>(z, 0)</c> is the exact answer; otherwise descent
/// continues. With warm starts the free set is usually right after the first round. Descent alone
/// stops when no coordinate moved more than <c>1e-7</c> of the largest, or after
/// <see cref="MaxSweeps"/> sweeps. Spark solves the same problem with a projected conjugate-gradient
/// method; this hybrid needs no line search and ends exact in the common case.</para>
/// </remarks>
internal sealed class NonNegativeLeastSquares
{
    /// <summary>Upper bound on coordinate-descent sweeps per solve.</summary>
    public const int MaxSweeps = 500;

    private const int SweepsPerRound = 8;
    private const double RelativeTolerance = 1e-7;
    private const double GradientTolerance = 1e-10;

    private readonly int _rank;
    private readonly double[] _gradient;
    private readonly double[] _subMatrix;
    private readonly double[] _subVector;
    private readonly int[] _free;

    /// <summary>Allocates the scratch for systems of dimension <paramref name="rank"/>.</summary>
    public NonNegativeLeastSquares(int rank)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rank);
        _rank = rank;
        _gradient = new double[rank];
        _subMatrix = new double[rank * rank];
        _subVector = new double[rank];
        _free = new int[rank];
    }

    /// <summary>Bytes of this solver's scratch buffers.</summary>
    public long MemoryBytes => ScratchBytes.Of(_gradient, _subMatrix, _subVector, _free);

    /// <summary>
    /// Improves <paramref name="x"/> (negative entries are first set to zero) in place.
    /// <paramref name="a"/> is the full row-major k x k matrix.
    /// </summary>
    /// <returns><see langword="true"/> when the result satisfies the optimality conditions exactly (up to rounding).</returns>
    public bool Solve(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> x)
    {
        int k = _rank;
        if (a.Length != k * k || b.Length != k || x.Length != k)
        {
            throw new ArgumentException($"A {k} x {k} problem needs {k * k} + {k} + {k} values, got {a.Length}, {b.Length}, {x.Length}.");
        }
        Span<double> gradient = _gradient;
        TensorPrimitives.Max(x, 0d, x);
        for (int j = 0; j < k; j++)
        {
            gradient[j] = TensorPrimitives.Dot(a.Slice(j * k, k), x) - b[j];
        }

        int sweeps = 0;
        while (sweeps < MaxSweeps)
        {
            bool converged = false;
            for (int s = 0; s < SweepsPerRound && !converged; s++)
            {
                sweeps++;
                converged = Sweep(a, x, gradient, k);
            }
            if (TrySolveOnFreeSet(a, b, x))
            {
                return true;
            }
            if (converged)
            {
                return false;
            }
        }
        return false;
    }

    /// <summary>One coordinate-descent sweep; returns whether it moved (relatively) nothing.</summary>
    private static bool Sweep(ReadOnlySpan<double> a, Span<double> x, Span<double> gradient, int k)
    {
        double largestMove = 0d;
        for (int j = 0; j < k; j++)
        {
            double diagonal = a[j * k + j];
            if (!(diagonal > 0d))
            {
                continue; // A zero (or NaN) column cannot move its coordinate; the caller's finiteness check reports NaN.
            }
            double updated = Math.Max(0d, x[j] - gradient[j] / diagonal);
            double move = updated - x[j];
            if (move != 0d)
            {
                x[j] = updated;
                // Column j equals row j by symmetry: a contiguous update of the whole gradient.
                TensorPrimitives.MultiplyAdd(a.Slice(j * k, k), move, gradient, gradient);
                largestMove = Math.Max(largestMove, Math.Abs(move));
            }
        }
        return largestMove <= RelativeTolerance * TensorPrimitives.MaxMagnitude<double>(x) || largestMove == 0d;
    }

    /// <summary>
    /// Solves exactly on the coordinates that are positive now; keeps the result (and returns
    /// <see langword="true"/>) only if it is feasible and optimal.
    /// </summary>
    private bool TrySolveOnFreeSet(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> x)
    {
        int k = _rank;
        int free = 0;
        for (int j = 0; j < k; j++)
        {
            if (x[j] > 0d)
            {
                _free[free++] = j;
            }
        }
        var subMatrix = _subMatrix.AsSpan(0, free * free);
        var z = _subVector.AsSpan(0, free);
        for (int p = 0; p < free; p++)
        {
            int row = _free[p];
            z[p] = b[row];
            for (int q = 0; q <= p; q++)
            {
                subMatrix[p * free + q] = a[row * k + _free[q]];
            }
        }
        if (free > 0 && (CholeskySolver.Solve(subMatrix, z, free) >= 0 || TensorPrimitives.Min<double>(z) <= 0d))
        {
            return false;
        }

        // Optimal iff the gradient A x - b is >= 0 on every clipped coordinate (it is 0 on the free ones).
        double tolerance = GradientTolerance * (1d + TensorPrimitives.MaxMagnitude(b));
        int next = 0;
        for (int j = 0; j < k; j++)
        {
            if (next < free && _free[next] == j)
            {
                next++;
                continue;
            }
            double g = -b[j];
            for (int p = 0; p < free; p++)
            {
                g += a[j * k + _free[p]] * z[p];
            }
            if (g < -tolerance)
            {
                return false;
            }
        }
        x.Clear();
        for (int p = 0; p < free; p++)
        {
            x[_free[p]] = z[p];
        }
        return true;
    }
}
