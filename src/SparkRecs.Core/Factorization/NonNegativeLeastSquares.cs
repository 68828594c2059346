using System.Numerics.Tensors;

namespace SparkRecs.Core.Factorization;

/// <summary>
/// Solves <c>min x^T A x / 2 - b^T x subject to x &gt;= 0</c> for symmetric positive-definite
/// <c>A</c> (a row's normal equations) by projected coordinate descent.
/// </summary>
/// <remarks>
/// Each coordinate step minimises the quadratic exactly along one axis and clips at zero,
/// <c>x_j = max(0, x_j - g_j / A_jj)</c> with gradient <c>g = A x - b</c> kept up to date in
/// <c>O(k)</c>; a sweep costs <c>k^2</c>. Every step lowers the quadratic, so starting from the
/// previous (feasible) factors ALS keeps descending, and the iteration converges to the unique
/// constrained minimiser (the problem is strictly convex). It stops when no coordinate moved more
/// than <c>1e-7</c> of the largest one, or after <see cref="MaxSweeps"/> sweeps. Spark solves the same
/// problem with a projected-gradient/conjugate-gradient hybrid; coordinate descent is simpler and
/// needs no line search at ALS ranks.
/// </remarks>
internal static class NonNegativeLeastSquares
{
    /// <summary>Upper bound on sweeps per solve (warm starts usually need a few).</summary>
    public const int MaxSweeps = 500;

    private const double RelativeTolerance = 1e-7;

    /// <summary>
    /// Improves <paramref name="x"/> (negative entries are first set to zero) in place.
    /// <paramref name="a"/> is the full row-major k x k matrix; <paramref name="gradient"/> is k scratch doubles.
    /// </summary>
    /// <returns>The number of sweeps run.</returns>
    public static int Solve(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> x, Span<double> gradient, int k)
    {
        if (a.Length < k * k || b.Length < k || x.Length < k || gradient.Length < k)
        {
            throw new ArgumentException($"A {k} x {k} problem needs {k * k} + 3 x {k} values.");
        }
        x = x[..k];
        gradient = gradient[..k];
        TensorPrimitives.Max(x, 0d, x);
        for (int j = 0; j < k; j++)
        {
            gradient[j] = TensorPrimitives.Dot(a.Slice(j * k, k), x) - b[j];
        }

        int sweep = 0;
        while (sweep < MaxSweeps)
        {
            sweep++;
            double largestMove = 0d;
            for (int j = 0; j < k; j++)
            {
                double diagonal = a[j * k + j];
                if (!(diagonal > 0d))
                {
                    continue; // A zero column cannot move its coordinate; the caller's finiteness check reports NaN.
                }
                double updated = Math.Max(0d, x[j] - gradient[j] / diagonal);
                double move = updated - x[j];
                if (move != 0d)
                {
                    x[j] = updated;
                    // Column j equals row j by symmetry: contiguous update of the whole gradient.
                    TensorPrimitives.MultiplyAdd(a.Slice(j * k, k), move, gradient, gradient);
                    largestMove = Math.Max(largestMove, Math.Abs(move));
                }
            }
            if (largestMove <= RelativeTolerance * TensorPrimitives.MaxMagnitude<double>(x) || largestMove == 0d)
            {
                break;
            }
        }
        return sweep;
    }
}
