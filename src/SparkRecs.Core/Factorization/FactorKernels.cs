using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SparkRecs.Core.Factorization;

/// <summary>
/// The vectorised products of the fast ALS row solver (<see cref="RowPanel"/>), over vectors padded
/// with zeros to <see cref="PaddedRank"/> floats so every loop runs whole 16-float blocks with no
/// remainder path and no bounds checks.
/// </summary>
/// <remarks>
/// <para>Padding is exact: the padded coordinates of <c>x</c>, of the Gram matrix and of every
/// gathered factor row are zero, so they add <c>+0</c> to every sum and leave the results of the
/// first <c>k</c> coordinates unchanged. The loops read through <see cref="MemoryMarshal.GetReference{T}(Span{T})"/>
/// references; every public entry point checks the span lengths once against the counts it is
/// given, which is what makes the unchecked offsets inside safe.</para>
/// <para>Summation order depends only on the lengths, never on memory alignment or on threads, so
/// the kernels are as deterministic as the scalar reference (<see cref="RowNormalOperator"/>) they
/// replace. They need 256-bit vectors with fused multiply-add (<see cref="IsSupported"/>); elsewhere
/// the row solver keeps the <see cref="System.Numerics.Tensors.TensorPrimitives"/> reference path.</para>
/// </remarks>
internal static class FactorKernels
{
    /// <summary>The padding granule in floats: two 256-bit vectors.</summary>
    public const int Block = 16;

    /// <summary>Whether this processor runs the kernels natively (AVX2 and FMA on x64).</summary>
    public static bool IsSupported => Vector256.IsHardwareAccelerated && Fma.IsSupported;

    /// <summary><paramref name="rank"/> rounded up to a multiple of <see cref="Block"/>.</summary>
    public static int PaddedRank(int rank) => (rank + Block - 1) / Block * Block;

    /// <summary>
    /// <c>destination = matrix x + ridge x</c> for a symmetric <c>kp x kp</c> row-major
    /// <paramref name="matrix"/> (both triangles filled), or <c>ridge x</c> when it is empty.
    /// </summary>
    /// <remarks>
    /// Uses symmetry to read rows as columns: <c>A x = sum_j x_j A[j, :]</c>, a broadcast
    /// multiply-add per row with the 32-column block of the result held in registers and even and
    /// odd <c>j</c> summed separately (eight independent chains hide the FMA latency); no
    /// horizontal sums.
    /// </remarks>
    public static void ApplySymmetric(ReadOnlySpan<float> matrix, float ridge, ReadOnlySpan<float> x, Span<float> destination, int kp)
    {
        CheckPadded(kp, x.Length, destination.Length);
        if (!matrix.IsEmpty && matrix.Length != kp * kp)
        {
            throw new ArgumentException($"Expected a {kp} x {kp} matrix, got {matrix.Length} values.", nameof(matrix));
        }
        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float d = ref MemoryMarshal.GetReference(destination);
        var r = Vector256.Create(ridge);
        if (matrix.IsEmpty)
        {
            for (int c = 0; c < kp; c += 8)
            {
                (r * Vector256.LoadUnsafe(ref xr, (nuint)c)).StoreUnsafe(ref d, (nuint)c);
            }
            return;
        }

        ref float g = ref MemoryMarshal.GetReference(matrix);
        int column = 0;
        for (; column + 32 <= kp; column += 32)
        {
            nuint c = (nuint)column;
            var a0 = r * Vector256.LoadUnsafe(ref xr, c);
            var a1 = r * Vector256.LoadUnsafe(ref xr, c + 8);
            var a2 = r * Vector256.LoadUnsafe(ref xr, c + 16);
            var a3 = r * Vector256.LoadUnsafe(ref xr, c + 24);
            var b0 = Vector256<float>.Zero;
            var b1 = Vector256<float>.Zero;
            var b2 = Vector256<float>.Zero;
            var b3 = Vector256<float>.Zero;
            for (int j = 0; j < kp; j += 2)
            {
                var x0 = Vector256.Create(Unsafe.Add(ref xr, j));
                var x1 = Vector256.Create(Unsafe.Add(ref xr, j + 1));
                ref float row0 = ref Unsafe.Add(ref g, (nint)j * kp + column);
                ref float row1 = ref Unsafe.Add(ref row0, kp);
                a0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref row0), x0, a0);
                a1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref row0, 8), x0, a1);
                a2 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref row0, 16), x0, a2);
                a3 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref row0, 24), x0, a3);
                b0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref row1), x1, b0);
                b1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref row1, 8), x1, b1);
                b2 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref row1, 16), x1, b2);
                b3 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref row1, 24), x1, b3);
            }
            (a0 + b0).StoreUnsafe(ref d, c);
            (a1 + b1).StoreUnsafe(ref d, c + 8);
            (a2 + b2).StoreUnsafe(ref d, c + 16);
            (a3 + b3).StoreUnsafe(ref d, c + 24);
        }
        if (column < kp)
        {
            // kp is a multiple of 16, so at most one 16-column block is left.
            nuint c = (nuint)column;
            var a0 = r * Vector256.LoadUnsafe(ref xr, c);
            var a1 = r * Vector256.LoadUnsafe(ref xr, c + 8);
            var b0 = Vector256<float>.Zero;
            var b1 = Vector256<float>.Zero;
            for (int j = 0; j < kp; j += 2)
            {
                var x0 = Vector256.Create(Unsafe.Add(ref xr, j));
                var x1 = Vector256.Create(Unsafe.Add(ref xr, j + 1));
                ref float row0 = ref Unsafe.Add(ref g, (nint)j * kp + column);
                ref float row1 = ref Unsafe.Add(ref row0, kp);
                a0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref row0), x0, a0);
                a1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref row0, 8), x0, a1);
                b0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref row1), x1, b0);
                b1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref row1, 8), x1, b1);
            }
            (a0 + b0).StoreUnsafe(ref d, c);
            (a1 + b1).StoreUnsafe(ref d, c + 8);
        }
    }

    /// <summary>
    /// <c>destination += sum_i weights[i] (y_i . x) y_i</c> over the first <paramref name="count"/>
    /// rows <c>y_i</c> of a row-major panel with stride <paramref name="kp"/>: the observation part of
    /// one row's normal-equation product, <c>Y_u^T W Y_u x</c>, in one pass over the panel (each
    /// <c>y_i</c> is read once and reused from L1 for its multiply-add).
    /// </summary>
    public static void ApplyObservations(ReadOnlySpan<float> panel, ReadOnlySpan<float> weights, int count, ReadOnlySpan<float> x, Span<float> destination, int kp)
    {
        CheckPadded(kp, x.Length, destination.Length);
        CheckPanel(panel.Length, weights.Length, count, kp);
        ref float p = ref MemoryMarshal.GetReference(panel);
        ref float w = ref MemoryMarshal.GetReference(weights);
        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float d = ref MemoryMarshal.GetReference(destination);
        if (kp == 64)
        {
            ApplyObservations64(ref p, ref w, count, ref xr, ref d);
            return;
        }
        int i = 0;
        for (; i + 2 <= count; i += 2)
        {
            // Two rows per pass: x and the destination are loaded once for both, and the two dot
            // products are independent chains. The result is bit-identical to one row at a time.
            ref float y0 = ref Unsafe.Add(ref p, (nint)i * kp);
            ref float y1 = ref Unsafe.Add(ref y0, kp);
            var (dot0, dot1) = DotTwoRows(ref y0, ref y1, ref xr, kp);
            var scale0 = Vector256.Create(Unsafe.Add(ref w, i) * dot0);
            var scale1 = Vector256.Create(Unsafe.Add(ref w, i + 1) * dot1);
            for (nuint c = 0; c < (nuint)kp; c += 8)
            {
                var sum = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref y0, c), scale0, Vector256.LoadUnsafe(ref d, c));
                Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref y1, c), scale1, sum).StoreUnsafe(ref d, c);
            }
        }
        if (i < count)
        {
            ref float y = ref Unsafe.Add(ref p, (nint)i * kp);
            var scale = Vector256.Create(Unsafe.Add(ref w, i) * DotRow(ref y, ref xr, kp));
            for (nuint c = 0; c < (nuint)kp; c += 8)
            {
                Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref y, c), scale, Vector256.LoadUnsafe(ref d, c)).StoreUnsafe(ref d, c);
            }
        }
    }

    /// <summary>
    /// <see cref="ApplyObservations"/> at padded rank 64 (ranks 49 to 64, the common case), with
    /// <c>x</c> and the destination held in sixteen registers for the whole panel instead of being
    /// reloaded and stored per row. Same operations in the same order as the general loop, so the
    /// result is bit-identical to it.
    /// </summary>
    private static void ApplyObservations64(ref float p, ref float w, int count, ref float xr, ref float d)
    {
        var x0 = Vector256.LoadUnsafe(ref xr);
        var x1 = Vector256.LoadUnsafe(ref xr, 8);
        var x2 = Vector256.LoadUnsafe(ref xr, 16);
        var x3 = Vector256.LoadUnsafe(ref xr, 24);
        var x4 = Vector256.LoadUnsafe(ref xr, 32);
        var x5 = Vector256.LoadUnsafe(ref xr, 40);
        var x6 = Vector256.LoadUnsafe(ref xr, 48);
        var x7 = Vector256.LoadUnsafe(ref xr, 56);
        var d0 = Vector256.LoadUnsafe(ref d);
        var d1 = Vector256.LoadUnsafe(ref d, 8);
        var d2 = Vector256.LoadUnsafe(ref d, 16);
        var d3 = Vector256.LoadUnsafe(ref d, 24);
        var d4 = Vector256.LoadUnsafe(ref d, 32);
        var d5 = Vector256.LoadUnsafe(ref d, 40);
        var d6 = Vector256.LoadUnsafe(ref d, 48);
        var d7 = Vector256.LoadUnsafe(ref d, 56);
        ref float y = ref p;
        for (int i = 0; i < count; i++)
        {
            var s0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref y), x0, Vector256<float>.Zero);
            var s1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref y, 8), x1, Vector256<float>.Zero);
            s0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref y, 16), x2, s0);
            s1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref y, 24), x3, s1);
            s0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref y, 32), x4, s0);
            s1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref y, 40), x5, s1);
            s0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref y, 48), x6, s0);
            s1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref y, 56), x7, s1);
            var scale = Vector256.Create(Unsafe.Add(ref w, i) * Vector256.Sum(s0 + s1));
            d0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref y), scale, d0);
            d1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref y, 8), scale, d1);
            d2 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref y, 16), scale, d2);
            d3 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref y, 24), scale, d3);
            d4 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref y, 32), scale, d4);
            d5 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref y, 40), scale, d5);
            d6 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref y, 48), scale, d6);
            d7 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref y, 56), scale, d7);
            y = ref Unsafe.Add(ref y, 64);
        }
        d0.StoreUnsafe(ref d);
        d1.StoreUnsafe(ref d, 8);
        d2.StoreUnsafe(ref d, 16);
        d3.StoreUnsafe(ref d, 24);
        d4.StoreUnsafe(ref d, 32);
        d5.StoreUnsafe(ref d, 40);
        d6.StoreUnsafe(ref d, 48);
        d7.StoreUnsafe(ref d, 56);
    }

    /// <summary>
    /// <c>destination[i] = y_i . x</c> for the first <paramref name="count"/> rows <c>y_i</c> of a
    /// row-major panel with stride <paramref name="kp"/>: the scores of one row's observations at its
    /// new factors, read from the panel its solve just streamed (for the training loss). Two rows per
    /// pass, so <c>x</c> is loaded once for both and the two dot products are independent chains.
    /// </summary>
    public static void PanelDots(ReadOnlySpan<float> panel, int count, ReadOnlySpan<float> x, Span<float> destination, int kp)
    {
        CheckPadded(kp, x.Length, kp);
        CheckPanel(panel.Length, destination.Length, count, kp);
        ref float p = ref MemoryMarshal.GetReference(panel);
        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float d = ref MemoryMarshal.GetReference(destination);
        int i = 0;
        for (; i + 2 <= count; i += 2)
        {
            ref float y0 = ref Unsafe.Add(ref p, (nint)i * kp);
            ref float y1 = ref Unsafe.Add(ref y0, kp);
            (Unsafe.Add(ref d, i), Unsafe.Add(ref d, i + 1)) = DotTwoRows(ref y0, ref y1, ref xr, kp);
        }
        if (i < count)
        {
            ref float y = ref Unsafe.Add(ref p, (nint)i * kp);
            Unsafe.Add(ref d, i) = DotRow(ref y, ref xr, kp);
        }
    }

    /// <summary>
    /// <c>(y0 . x, y1 . x)</c> over <paramref name="kp"/> floats (a multiple of 16): x is loaded once
    /// for both rows and the four accumulators are independent chains. Each sum is reduced as
    /// <c>Sum(lanes 0-7 + lanes 8-15)</c>, the same order <see cref="DotRow"/> uses, so a row's dot
    /// product does not depend on whether it was paired.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (float First, float Second) DotTwoRows(ref float y0, ref float y1, ref float xr, int kp)
    {
        var s00 = Vector256<float>.Zero;
        var s01 = Vector256<float>.Zero;
        var s10 = Vector256<float>.Zero;
        var s11 = Vector256<float>.Zero;
        for (nuint c = 0; c < (nuint)kp; c += 16)
        {
            var x0 = Vector256.LoadUnsafe(ref xr, c);
            var x1 = Vector256.LoadUnsafe(ref xr, c + 8);
            s00 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref y0, c), x0, s00);
            s01 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref y0, c + 8), x1, s01);
            s10 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref y1, c), x0, s10);
            s11 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref y1, c + 8), x1, s11);
        }
        return (Vector256.Sum(s00 + s01), Vector256.Sum(s10 + s11));
    }

    /// <summary><c>y . x</c> over <paramref name="kp"/> floats (a multiple of 16), reduced as in <see cref="DotTwoRows"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float DotRow(ref float y, ref float xr, int kp)
    {
        var s0 = Vector256<float>.Zero;
        var s1 = Vector256<float>.Zero;
        for (nuint c = 0; c < (nuint)kp; c += 16)
        {
            s0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref y, c), Vector256.LoadUnsafe(ref xr, c), s0);
            s1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref y, c + 8), Vector256.LoadUnsafe(ref xr, c + 8), s1);
        }
        return Vector256.Sum(s0 + s1);
    }

    /// <summary><c>destination += scale * source</c> over <paramref name="kp"/> floats (a multiple of 16).</summary>
    public static void MultiplyAdd(ReadOnlySpan<float> source, float scale, Span<float> destination, int kp)
    {
        CheckPadded(kp, source.Length, destination.Length);
        ref float s = ref MemoryMarshal.GetReference(source);
        ref float d = ref MemoryMarshal.GetReference(destination);
        var v = Vector256.Create(scale);
        for (nuint c = 0; c < (nuint)kp; c += 8)
        {
            Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref s, c), v, Vector256.LoadUnsafe(ref d, c)).StoreUnsafe(ref d, c);
        }
    }

    private static void CheckPadded(int kp, int first, int second)
    {
        if (kp <= 0 || kp % Block != 0 || first < kp || second < kp)
        {
            throw new ArgumentException($"Padded rank {kp} must be a positive multiple of {Block} no longer than the vectors ({first}, {second}).");
        }
    }

    /// <summary>Checks that a panel of <paramref name="count"/> rows of stride <paramref name="kp"/> fits its buffers.</summary>
    internal static void CheckPanel(int panelLength, int weightsLength, int count, int kp)
    {
        if (count < 0 || (long)count * kp > panelLength || count > weightsLength)
        {
            throw new ArgumentException($"A panel of {count} rows of {kp} floats needs {(long)count * kp} values and {count} weights; got {panelLength} and {weightsLength}.");
        }
    }
}
