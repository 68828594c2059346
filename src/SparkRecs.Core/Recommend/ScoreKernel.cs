using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SparkRecs.Core.Recommend;

/// <summary>
/// The small GEMM-like kernel of top-N: scores of a few users against a run of item panels,
/// <c>scores[u, j] = sum_k U[u, k] * V[j, k]</c>, written to a caller-supplied tile.
/// </summary>
/// <remarks>
/// <para>
/// Register tile: 4 users x <see cref="PackedItemPanels.PanelWidth"/> items (4 x 2 SIMD vectors =
/// 8 accumulators). For each factor <c>k</c> the kernel loads factor <c>k</c> of the panel's items
/// (two vectors), broadcasts <c>U[u, k]</c> of each of the 4 users and issues 8 fused
/// multiply-adds: 2 loads per 8 FMAs, with the panel (<c>rank * PanelWidth</c> floats) hot in L1.
/// Users left over (fewer than 4) go through a 1 x PanelWidth kernel.
/// </para>
/// <para>
/// Every score is accumulated in factor order 0..rank-1 with one fused multiply-add per factor,
/// starting from 0: the same float result as a scalar loop of <see cref="MathF.FusedMultiplyAdd"/>,
/// whatever the SIMD width, block sizes or thread count. The reference implementation (ReferenceTopN) relies on it.
/// </para>
/// <para>
/// The inner loops use unchecked references for speed; <see cref="ScoreUsers"/> checks every bound
/// once before entering them.
/// </para>
/// </remarks>
internal static class ScoreKernel
{
    /// <summary>
    /// Scores users <c>[userFirst, userFirst + userCount)</c> of the row-major factor array
    /// <paramref name="userData"/> against panels <c>[panelFirst, panelFirst + panelCount)</c>.
    /// Row <c>r</c> of the tile (user <c>userFirst + r</c>) starts at <c>r * tileStride</c>, and
    /// column <c>c</c> is item <c>panelFirst * PanelWidth + c</c> (padding columns included).
    /// </summary>
    public static void ScoreUsers(
        float[] userData, int userFirst, int userCount,
        PackedItemPanels panels, int panelFirst, int panelCount,
        Span<float> tile, int tileStride)
    {
        int rank = panels.Rank;
        int width = PackedItemPanels.PanelWidth;
        if ((long)(userFirst + userCount) * rank > userData.Length
            || panelFirst + panelCount > panels.PanelCount
            || tileStride < panelCount * width
            || (userCount > 0 && (long)(userCount - 1) * tileStride + (panelCount * width) > tile.Length))
        {
            throw new ArgumentException("Score tile, user range or panel range out of bounds.");
        }

        ref float users = ref MemoryMarshal.GetArrayDataReference(userData);
        ref float packed = ref MemoryMarshal.GetArrayDataReference(panels.Data);
        ref float output = ref MemoryMarshal.GetReference(tile);
        int r = 0;
        for (; r + 4 <= userCount; r += 4)
        {
            ref float u0 = ref Unsafe.Add(ref users, (nint)(userFirst + r) * rank);
            for (int p = 0; p < panelCount; p++)
            {
                ref float panel = ref Unsafe.Add(ref packed, (nint)(panelFirst + p) * rank * width);
                ref float target = ref Unsafe.Add(ref output, ((nint)r * tileStride) + ((nint)p * width));
                Kernel4(ref u0, rank, ref panel, ref target, tileStride);
            }
        }
        for (; r < userCount; r++)
        {
            ref float u0 = ref Unsafe.Add(ref users, (nint)(userFirst + r) * rank);
            for (int p = 0; p < panelCount; p++)
            {
                ref float panel = ref Unsafe.Add(ref packed, (nint)(panelFirst + p) * rank * width);
                ref float target = ref Unsafe.Add(ref output, ((nint)r * tileStride) + ((nint)p * width));
                Kernel1(ref u0, rank, ref panel, ref target);
            }
        }
    }

    /// <summary>4 consecutive users (rows of <paramref name="rank"/> floats from <paramref name="u0"/>) x one panel.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Kernel4(ref float u0, int rank, ref float panel, ref float target, int stride)
    {
        int w = Vector<float>.Count;
        ref float u1 = ref Unsafe.Add(ref u0, rank);
        ref float u2 = ref Unsafe.Add(ref u1, rank);
        ref float u3 = ref Unsafe.Add(ref u2, rank);
        Vector<float> a0 = default, b0 = default, a1 = default, b1 = default;
        Vector<float> a2 = default, b2 = default, a3 = default, b3 = default;
        for (int k = 0; k < rank; k++)
        {
            ref float row = ref Unsafe.Add(ref panel, (nint)k * 2 * w);
            var lo = Vector.LoadUnsafe(ref row);
            var hi = Vector.LoadUnsafe(ref row, (nuint)w);
            var x0 = new Vector<float>(Unsafe.Add(ref u0, k));
            var x1 = new Vector<float>(Unsafe.Add(ref u1, k));
            var x2 = new Vector<float>(Unsafe.Add(ref u2, k));
            var x3 = new Vector<float>(Unsafe.Add(ref u3, k));
            a0 = Vector.FusedMultiplyAdd(x0, lo, a0);
            b0 = Vector.FusedMultiplyAdd(x0, hi, b0);
            a1 = Vector.FusedMultiplyAdd(x1, lo, a1);
            b1 = Vector.FusedMultiplyAdd(x1, hi, b1);
            a2 = Vector.FusedMultiplyAdd(x2, lo, a2);
            b2 = Vector.FusedMultiplyAdd(x2, hi, b2);
            a3 = Vector.FusedMultiplyAdd(x3, lo, a3);
            b3 = Vector.FusedMultiplyAdd(x3, hi, b3);
        }
        nuint s = (nuint)stride;
        a0.StoreUnsafe(ref target);
        b0.StoreUnsafe(ref target, (nuint)w);
        a1.StoreUnsafe(ref target, s);
        b1.StoreUnsafe(ref target, s + (nuint)w);
        a2.StoreUnsafe(ref target, 2 * s);
        b2.StoreUnsafe(ref target, (2 * s) + (nuint)w);
        a3.StoreUnsafe(ref target, 3 * s);
        b3.StoreUnsafe(ref target, (3 * s) + (nuint)w);
    }

    /// <summary>One user x one panel.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Kernel1(ref float u0, int rank, ref float panel, ref float target)
    {
        int w = Vector<float>.Count;
        Vector<float> a0 = default, b0 = default;
        for (int k = 0; k < rank; k++)
        {
            ref float row = ref Unsafe.Add(ref panel, (nint)k * 2 * w);
            var x0 = new Vector<float>(Unsafe.Add(ref u0, k));
            a0 = Vector.FusedMultiplyAdd(x0, Vector.LoadUnsafe(ref row), a0);
            b0 = Vector.FusedMultiplyAdd(x0, Vector.LoadUnsafe(ref row, (nuint)w), b0);
        }
        a0.StoreUnsafe(ref target);
        b0.StoreUnsafe(ref target, (nuint)w);
    }
}
