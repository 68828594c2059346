using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SparkRecs.Core.Factorization;

/// <summary>
/// <see cref="ConjugateGradient"/> for the fast row solver: the same method, steps, stopping rules
/// and return values, on vectors padded to a multiple of 16 floats, with each step's vector work
/// fused into two passes of inline 256-bit loops instead of six library calls.
/// </summary>
/// <remarks>
/// At rank 64 a row's vector work is a few hundred floats; the per-call overhead of
/// <see cref="System.Numerics.Tensors.TensorPrimitives"/> (argument checks, length dispatch) then
/// costs as much as the arithmetic, across a million row solves per iteration. Fusions used:
/// <c>x += alpha p</c> with <c>r -= alpha A p</c> and <c>|r|^2</c> in one pass; <c>p = r + beta p</c>
/// in the next. Sums run in a fixed lane order, so results depend only on the inputs.
/// </remarks>
internal static class PaddedConjugateGradient
{
    /// <summary>Scratch floats <see cref="Solve"/> needs for padded dimension <paramref name="kp"/>.</summary>
    public static int ScratchLength(int kp) => 3 * kp;

    /// <summary>
    /// Improves <paramref name="x"/> in place towards the solution of <c>A x = b</c>; see
    /// <see cref="ConjugateGradient.Solve{TOperator}"/> for the contract.
    /// </summary>
    /// <returns>The number of steps taken, or -1 when the system is not finite.</returns>
    public static int Solve(scoped ref PanelNormalOperator matrix, ReadOnlySpan<float> b, Span<float> x, int maxSteps, Span<float> scratch)
    {
        int kp = matrix.Dimension;
        if (kp % FactorKernels.Block != 0 || b.Length < kp || x.Length < kp || scratch.Length < ScratchLength(kp))
        {
            throw new ArgumentException($"Padded dimension {kp}: b has {b.Length}, x has {x.Length}, scratch has {scratch.Length} (needs {ScratchLength(kp)}).");
        }
        var residual = scratch[..kp];
        var direction = scratch.Slice(kp, kp);
        var product = scratch.Slice(2 * kp, kp);
        ref float rb = ref MemoryMarshal.GetReference(b);
        ref float rx = ref MemoryMarshal.GetReference(x);
        ref float rr = ref MemoryMarshal.GetReference(residual);
        ref float rp = ref MemoryMarshal.GetReference(direction);
        ref float rq = ref MemoryMarshal.GetReference(product);

        // r = b - A x; p = r.
        matrix.Apply(x, product);
        var norm = Vector256<float>.Zero;
        var bNorm = Vector256<float>.Zero;
        for (nuint c = 0; c < (nuint)kp; c += 8)
        {
            var bc = Vector256.LoadUnsafe(ref rb, c);
            var r = bc - Vector256.LoadUnsafe(ref rq, c);
            r.StoreUnsafe(ref rr, c);
            r.StoreUnsafe(ref rp, c);
            norm = Vector256.FusedMultiplyAdd(r, r, norm);
            bNorm = Vector256.FusedMultiplyAdd(bc, bc, bNorm);
        }
        float residualNorm2 = Vector256.Sum(norm);
        float tolerance2 = 1e-12f * Vector256.Sum(bNorm) + 1e-30f;
        if (!float.IsFinite(residualNorm2) || !float.IsFinite(tolerance2))
        {
            return -1;
        }

        int step = 0;
        while (step < maxSteps && residualNorm2 > tolerance2)
        {
            matrix.Apply(direction, product);
            float curvature = Dot(ref rp, ref rq, kp);
            if (!float.IsFinite(curvature))
            {
                return -1;
            }
            if (curvature <= 0f)
            {
                break; // No positive curvature left along p: at float precision there is nothing more to gain.
            }
            var stepLength = Vector256.Create(residualNorm2 / curvature);
            var next = Vector256<float>.Zero;
            for (nuint c = 0; c < (nuint)kp; c += 8)
            {
                Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref rp, c), stepLength, Vector256.LoadUnsafe(ref rx, c)).StoreUnsafe(ref rx, c);
                var r = Vector256.FusedMultiplyAdd(-Vector256.LoadUnsafe(ref rq, c), stepLength, Vector256.LoadUnsafe(ref rr, c));
                r.StoreUnsafe(ref rr, c);
                next = Vector256.FusedMultiplyAdd(r, r, next);
            }
            step++;
            float nextNorm2 = Vector256.Sum(next);
            if (!float.IsFinite(nextNorm2))
            {
                return -1;
            }
            // p = r + (|r_new|^2 / |r_old|^2) p
            var beta = Vector256.Create(nextNorm2 / residualNorm2);
            for (nuint c = 0; c < (nuint)kp; c += 8)
            {
                Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref rp, c), beta, Vector256.LoadUnsafe(ref rr, c)).StoreUnsafe(ref rp, c);
            }
            residualNorm2 = nextNorm2;
        }
        return step;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Dot(ref float a, ref float b, int kp)
    {
        var s0 = Vector256<float>.Zero;
        var s1 = Vector256<float>.Zero;
        for (nuint c = 0; c < (nuint)kp; c += 16)
        {
            s0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref a, c), Vector256.LoadUnsafe(ref b, c), s0);
            s1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref a, c + 8), Vector256.LoadUnsafe(ref b, c + 8), s1);
        }
        return Vector256.Sum(s0 + s1);
    }
}
