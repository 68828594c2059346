using System.Numerics.Tensors;

namespace SparkRecs.Core.Factorization;

/// <summary>
/// The conjugate-gradient method for a symmetric positive-definite <c>A x = b</c>, started from the
/// caller's <c>x</c> and stopped after a fixed number of steps (Takacs, Pilaszy &amp; Tikk 2011).
/// </summary>
/// <remarks>
/// Each step minimises the quadratic <c>x^T A x / 2 - b^T x</c> over a growing Krylov subspace
/// around the start, so it never increases that quadratic: warm-started from the previous sweep's
/// factors, even one to three steps per row keep ALS descending. In exact arithmetic CG reaches the
/// exact solution in at most <c>k</c> steps. Cost: one <see cref="ISymmetricOperator.Apply"/> per
/// step plus one for the initial residual, and <c>O(k)</c> vector work. Works in <c>float</c> like
/// the factors it updates; stops early once the residual is below <c>1e-6 |b|</c> or the search
/// direction has no positive curvature left (both mean: nothing more to gain in float).
/// </remarks>
internal static class ConjugateGradient
{
    /// <summary>Scratch floats <see cref="Solve"/> needs for dimension <paramref name="k"/>.</summary>
    public static int ScratchLength(int k) => 3 * k;

    /// <summary>
    /// Improves <paramref name="x"/> in place towards the solution of <c>A x = b</c>.
    /// </summary>
    /// <returns>
    /// The number of steps taken (&lt;= <paramref name="maxSteps"/>), or -1 when the system is not
    /// finite (a residual or curvature came out NaN or infinite); <paramref name="x"/> is then
    /// unspecified.
    /// </returns>
    public static int Solve<TOperator>(scoped ref TOperator matrix, ReadOnlySpan<float> b, Span<float> x, int maxSteps, Span<float> scratch)
        where TOperator : ISymmetricOperator, allows ref struct
    {
        int k = matrix.Dimension;
        if (b.Length != k || x.Length != k || scratch.Length < ScratchLength(k))
        {
            throw new ArgumentException($"Dimension {k}: b has {b.Length}, x has {x.Length}, scratch has {scratch.Length} (needs {ScratchLength(k)}).");
        }
        var residual = scratch[..k];
        var direction = scratch.Slice(k, k);
        var product = scratch.Slice(2 * k, k);

        // r = b - A x; p = r.
        matrix.Apply(x, product);
        TensorPrimitives.Subtract(b, product, residual);
        residual.CopyTo(direction);
        float residualNorm2 = TensorPrimitives.Dot(residual, residual);
        float tolerance2 = 1e-12f * TensorPrimitives.Dot(b, b) + 1e-30f;
        if (!float.IsFinite(residualNorm2) || !float.IsFinite(tolerance2))
        {
            return -1;
        }

        int step = 0;
        while (step < maxSteps && residualNorm2 > tolerance2)
        {
            matrix.Apply(direction, product);
            float curvature = TensorPrimitives.Dot(direction, product);
            if (!float.IsFinite(curvature))
            {
                return -1;
            }
            if (curvature <= 0f)
            {
                break; // No positive curvature left along p: at float precision there is nothing more to gain.
            }
            float stepLength = residualNorm2 / curvature;
            TensorPrimitives.MultiplyAdd(direction, stepLength, x, x);
            TensorPrimitives.MultiplyAdd(product, -stepLength, residual, residual);
            step++;

            float next = TensorPrimitives.Dot(residual, residual);
            if (!float.IsFinite(next))
            {
                return -1;
            }
            // p = r + (|r_new|^2 / |r_old|^2) p
            TensorPrimitives.MultiplyAdd(direction, next / residualNorm2, residual, direction);
            residualNorm2 = next;
        }
        return step;
    }
}
