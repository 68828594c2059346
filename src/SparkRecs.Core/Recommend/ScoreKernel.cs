using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SparkRecs.Core.Recommend;

/// <summary>
/// The small GEMM-like kernel of top-N: scores of a few users against a run of item panels,
/// <c>scores[u, j] = sum_k U[u, k] * V[j, k]</c>, written to a caller-supplied tile.
/// </summary>
/// <remarks>
/// <para>
/// Register tile: <see cref="UserGroup"/> users x <see cref="PackedItemPanels.PanelWidth"/> items,
/// two SIMD vectors per user. With AVX-512 it is 8 users x 32 items (16 zmm accumulators of the 32
/// registers); otherwise 4 users x 2 <see cref="Vector{T}"/>. For each factor <c>k</c> the kernel
/// loads factor <c>k</c> of the panel's items (two vectors), broadcasts <c>U[u, k]</c> of each user
/// and issues two fused multiply-adds per user: with 8 users, 10 loads feed 16 FMAs, so the two
/// FMA pipes of a core stay busy while the panel (<c>rank * PanelWidth</c> floats) sits in L1.
/// Users left over (fewer than a group) go through a one-user kernel of the same width.
/// </para>
/// <para>
/// Every score is accumulated in factor order 0..rank-1 with one fused multiply-add per factor,
/// starting from 0: the same float result as a scalar loop of <see cref="MathF.FusedMultiplyAdd"/>,
/// whatever the SIMD width, block sizes or thread count. The reference implementation (ReferenceTopN) relies on it.
/// </para>
/// <para>
/// The inner loops use unchecked references for speed; <see cref="ScoreUsers"/> checks every bound
/// once before entering them. The kernel is compiled fully optimised on first call
/// (<see cref="MethodImplOptions.AggressiveOptimization"/>): unoptimised SIMD code is tens of times
/// slower, and on a loaded machine the runtime's background re-compilation can lag for seconds.
/// </para>
/// </remarks>
internal static class ScoreKernel
{
    /// <summary>Users per register tile: 8 with AVX-512, else 4. Callers score users in groups of this size.</summary>
    public static int UserGroup => Vector512.IsHardwareAccelerated ? 8 : 4;

    /// <summary>
    /// Scores users <c>[userFirst, userFirst + userCount)</c> of the row-major factor array
    /// <paramref name="userData"/> against panels <c>[panelFirst, panelFirst + panelCount)</c>.
    /// Row <c>r</c> of the tile (user <c>userFirst + r</c>) starts at <c>r * tileStride</c>, and
    /// column <c>c</c> is item <c>panelFirst * PanelWidth + c</c> (padding columns included).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ScoreUsers(
        float[] userData, int userFirst, int userCount,
        PackedItemPanels panels, int panelFirst, int panelCount,
        Span<float> tile, int tileStride)
    {
        int rank = panels.Rank;
        int width = PackedItemPanels.PanelWidth;
        if (userFirst < 0 || userCount < 0 || (long)(userFirst + userCount) * rank > userData.Length
            || panelFirst < 0 || panelCount < 0 || panelFirst + panelCount > panels.PanelCount
            || tileStride < panelCount * width
            || (userCount > 0 && (long)(userCount - 1) * tileStride + (panelCount * width) > tile.Length))
        {
            throw new ArgumentException("Score tile, user range or panel range out of bounds.");
        }

        ref float users = ref MemoryMarshal.GetArrayDataReference(userData);
        ref float packed = ref MemoryMarshal.GetReference(panels.Panels);
        ref float output = ref MemoryMarshal.GetReference(tile);
        if (Vector512.IsHardwareAccelerated)
        {
            ScoreUsersWide(ref users, userFirst, userCount, rank, ref packed, panelFirst, panelCount, ref output, tileStride);
            return;
        }
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

    /// <summary>The AVX-512 path of <see cref="ScoreUsers"/>: 8 x 32 tiles, then one user at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ScoreUsersWide(
        ref float users, int userFirst, int userCount, int rank,
        ref float packed, int panelFirst, int panelCount, ref float output, int tileStride)
    {
        const int width = 32;
        int r = 0;
        for (; r + 8 <= userCount; r += 8)
        {
            ref float u0 = ref Unsafe.Add(ref users, (nint)(userFirst + r) * rank);
            for (int p = 0; p < panelCount; p++)
            {
                ref float panel = ref Unsafe.Add(ref packed, (nint)(panelFirst + p) * rank * width);
                ref float target = ref Unsafe.Add(ref output, ((nint)r * tileStride) + ((nint)p * width));
                Kernel8Wide(ref u0, rank, ref panel, ref target, tileStride);
            }
        }
        for (; r < userCount; r++)
        {
            ref float u0 = ref Unsafe.Add(ref users, (nint)(userFirst + r) * rank);
            for (int p = 0; p < panelCount; p++)
            {
                ref float panel = ref Unsafe.Add(ref packed, (nint)(panelFirst + p) * rank * width);
                ref float target = ref Unsafe.Add(ref output, ((nint)r * tileStride) + ((nint)p * width));
                Kernel1Wide(ref u0, rank, ref panel, ref target);
            }
        }
    }

    /// <summary>8 consecutive users x one 32-item panel, 16 <see cref="Vector512{T}"/> accumulators.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Kernel8Wide(ref float u0, int rank, ref float panel, ref float target, int stride)
    {
        ref float u1 = ref Unsafe.Add(ref u0, rank);
        ref float u2 = ref Unsafe.Add(ref u1, rank);
        ref float u3 = ref Unsafe.Add(ref u2, rank);
        ref float u4 = ref Unsafe.Add(ref u3, rank);
        ref float u5 = ref Unsafe.Add(ref u4, rank);
        ref float u6 = ref Unsafe.Add(ref u5, rank);
        ref float u7 = ref Unsafe.Add(ref u6, rank);
        Vector512<float> a0 = default, b0 = default, a1 = default, b1 = default, a2 = default, b2 = default, a3 = default, b3 = default;
        Vector512<float> a4 = default, b4 = default, a5 = default, b5 = default, a6 = default, b6 = default, a7 = default, b7 = default;
        for (int k = 0; k < rank; k++)
        {
            ref float row = ref Unsafe.Add(ref panel, (nint)k * 32);
            var lo = Vector512.LoadUnsafe(ref row);
            var hi = Vector512.LoadUnsafe(ref row, 16);
            var x0 = Vector512.Create(Unsafe.Add(ref u0, k));
            a0 = Vector512.FusedMultiplyAdd(x0, lo, a0);
            b0 = Vector512.FusedMultiplyAdd(x0, hi, b0);
            var x1 = Vector512.Create(Unsafe.Add(ref u1, k));
            a1 = Vector512.FusedMultiplyAdd(x1, lo, a1);
            b1 = Vector512.FusedMultiplyAdd(x1, hi, b1);
            var x2 = Vector512.Create(Unsafe.Add(ref u2, k));
            a2 = Vector512.FusedMultiplyAdd(x2, lo, a2);
            b2 = Vector512.FusedMultiplyAdd(x2, hi, b2);
            var x3 = Vector512.Create(Unsafe.Add(ref u3, k));
            a3 = Vector512.FusedMultiplyAdd(x3, lo, a3);
            b3 = Vector512.FusedMultiplyAdd(x3, hi, b3);
            var x4 = Vector512.Create(Unsafe.Add(ref u4, k));
            a4 = Vector512.FusedMultiplyAdd(x4, lo, a4);
            b4 = Vector512.FusedMultiplyAdd(x4, hi, b4);
            var x5 = Vector512.Create(Unsafe.Add(ref u5, k));
            a5 = Vector512.FusedMultiplyAdd(x5, lo, a5);
            b5 = Vector512.FusedMultiplyAdd(x5, hi, b5);
            var x6 = Vector512.Create(Unsafe.Add(ref u6, k));
            a6 = Vector512.FusedMultiplyAdd(x6, lo, a6);
            b6 = Vector512.FusedMultiplyAdd(x6, hi, b6);
            var x7 = Vector512.Create(Unsafe.Add(ref u7, k));
            a7 = Vector512.FusedMultiplyAdd(x7, lo, a7);
            b7 = Vector512.FusedMultiplyAdd(x7, hi, b7);
        }
        nuint s = (nuint)stride;
        a0.StoreUnsafe(ref target);
        b0.StoreUnsafe(ref target, 16);
        a1.StoreUnsafe(ref target, s);
        b1.StoreUnsafe(ref target, s + 16);
        a2.StoreUnsafe(ref target, 2 * s);
        b2.StoreUnsafe(ref target, (2 * s) + 16);
        a3.StoreUnsafe(ref target, 3 * s);
        b3.StoreUnsafe(ref target, (3 * s) + 16);
        a4.StoreUnsafe(ref target, 4 * s);
        b4.StoreUnsafe(ref target, (4 * s) + 16);
        a5.StoreUnsafe(ref target, 5 * s);
        b5.StoreUnsafe(ref target, (5 * s) + 16);
        a6.StoreUnsafe(ref target, 6 * s);
        b6.StoreUnsafe(ref target, (6 * s) + 16);
        a7.StoreUnsafe(ref target, 7 * s);
        b7.StoreUnsafe(ref target, (7 * s) + 16);
    }

    /// <summary>One user x one 32-item panel.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Kernel1Wide(ref float u0, int rank, ref float panel, ref float target)
    {
        Vector512<float> a0 = default, b0 = default;
        for (int k = 0; k < rank; k++)
        {
            ref float row = ref Unsafe.Add(ref panel, (nint)k * 32);
            var x0 = Vector512.Create(Unsafe.Add(ref u0, k));
            a0 = Vector512.FusedMultiplyAdd(x0, Vector512.LoadUnsafe(ref row), a0);
            b0 = Vector512.FusedMultiplyAdd(x0, Vector512.LoadUnsafe(ref row, 16), b0);
        }
        a0.StoreUnsafe(ref target);
        b0.StoreUnsafe(ref target, 16);
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
