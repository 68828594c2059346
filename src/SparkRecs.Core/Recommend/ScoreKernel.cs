using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SparkRecs.Core.Recommend;

/// <summary>
/// The small GEMM-like kernel of top-N: scores of a few users against a run of item panels,
/// <c>scores[u, j] = sum_k U[u, k] * V[j, k]</c>, written to a caller-supplied tile, with a flag
/// per user and panel saying whether any score of the panel reaches the user's bar.
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
/// While the scores are still in registers each user's two vectors are compared with that user's
/// bar (the selector's threshold): a few instructions per <c>2 * rank</c> FMAs. Once a user's
/// top-N holds good candidates almost no panel reaches the bar, and the caller skips the selection
/// for every panel whose flag is clear without reading the tile at all.
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
    /// <summary>Most panels per call: the flags of one user are the bits of a <see cref="ulong"/>.</summary>
    public const int MaxPanels = 64;

    /// <summary>Users per register tile: 8 with AVX-512, else 4. Callers score users in groups of this size.</summary>
    public static int UserGroup => Vector512.IsHardwareAccelerated ? 8 : 4;

    /// <summary>
    /// Scores users <c>[userFirst, userFirst + userCount)</c> of the row-major factor array
    /// <paramref name="userData"/> against panels <c>[panelFirst, panelFirst + panelCount)</c>.
    /// Row <c>r</c> of the tile (user <c>userFirst + r</c>) starts at <c>r * tileStride</c>, and
    /// column <c>c</c> is item <c>panelFirst * PanelWidth + c</c> (padding columns included).
    /// Bit <c>p</c> of <c>passed[r]</c> is set when some score of user <c>r</c> in panel
    /// <c>panelFirst + p</c> (padding columns included) is <c>&gt;= bars[r]</c>; NaN never passes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ScoreUsers(
        float[] userData, int userFirst, int userCount,
        PackedItemPanels panels, int panelFirst, int panelCount,
        Span<float> tile, int tileStride, ReadOnlySpan<float> bars, Span<ulong> passed)
    {
        int rank = panels.Rank;
        int width = PackedItemPanels.PanelWidth;
        if (userFirst < 0 || userCount < 0 || (long)(userFirst + userCount) * rank > userData.Length
            || panelFirst < 0 || panelCount < 0 || panelCount > MaxPanels || panelFirst + panelCount > panels.PanelCount
            || tileStride < panelCount * width
            || (userCount > 0 && (long)(userCount - 1) * tileStride + (panelCount * width) > tile.Length)
            || bars.Length < userCount || passed.Length < userCount)
        {
            throw new ArgumentException("Score tile, user range, panel range, bars or flags out of bounds.");
        }

        ref float users = ref MemoryMarshal.GetArrayDataReference(userData);
        ref float packed = ref MemoryMarshal.GetReference(panels.Panels);
        ref float output = ref MemoryMarshal.GetReference(tile);
        ref float bar = ref MemoryMarshal.GetReference(bars);
        passed[..userCount].Clear();
        int group = UserGroup;
        int r = 0;
        for (; r + group <= userCount; r += group)
        {
            ref float u0 = ref Unsafe.Add(ref users, (nint)(userFirst + r) * rank);
            for (int p = 0; p < panelCount; p++)
            {
                ref float panel = ref Unsafe.Add(ref packed, (nint)(panelFirst + p) * rank * width);
                ref float target = ref Unsafe.Add(ref output, ((nint)r * tileStride) + ((nint)p * width));
                uint flags = Vector512.IsHardwareAccelerated
                    ? Kernel8Wide(ref u0, rank, ref panel, ref target, tileStride, ref Unsafe.Add(ref bar, r))
                    : Kernel4(ref u0, rank, ref panel, ref target, tileStride, ref Unsafe.Add(ref bar, r));
                while (flags != 0)
                {
                    passed[r + BitOperations.TrailingZeroCount(flags)] |= 1UL << p;
                    flags &= flags - 1;
                }
            }
        }
        for (; r < userCount; r++)
        {
            ref float u0 = ref Unsafe.Add(ref users, (nint)(userFirst + r) * rank);
            for (int p = 0; p < panelCount; p++)
            {
                ref float panel = ref Unsafe.Add(ref packed, (nint)(panelFirst + p) * rank * width);
                ref float target = ref Unsafe.Add(ref output, ((nint)r * tileStride) + ((nint)p * width));
                bool reached = Vector512.IsHardwareAccelerated
                    ? Kernel1Wide(ref u0, rank, ref panel, ref target, bars[r])
                    : Kernel1(ref u0, rank, ref panel, ref target, bars[r]);
                if (reached)
                {
                    passed[r] |= 1UL << p;
                }
            }
        }
    }

    /// <summary>
    /// 8 consecutive users x one 32-item panel, 16 <see cref="Vector512{T}"/> accumulators; returns
    /// bit <c>q</c> set when user <c>q</c> has a score <c>&gt;= bar[q]</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Kernel8Wide(ref float u0, int rank, ref float panel, ref float target, int stride, ref float bar)
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
        return Reached(a0, b0, bar, 0)
            | Reached(a1, b1, Unsafe.Add(ref bar, 1), 1)
            | Reached(a2, b2, Unsafe.Add(ref bar, 2), 2)
            | Reached(a3, b3, Unsafe.Add(ref bar, 3), 3)
            | Reached(a4, b4, Unsafe.Add(ref bar, 4), 4)
            | Reached(a5, b5, Unsafe.Add(ref bar, 5), 5)
            | Reached(a6, b6, Unsafe.Add(ref bar, 6), 6)
            | Reached(a7, b7, Unsafe.Add(ref bar, 7), 7);
    }

    /// <summary>One user x one 32-item panel; true when a score is <c>&gt;= bar</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Kernel1Wide(ref float u0, int rank, ref float panel, ref float target, float bar)
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
        return Reached(a0, b0, bar, 0) != 0;
    }

    /// <summary>
    /// 4 consecutive users (rows of <paramref name="rank"/> floats from <paramref name="u0"/>) x one
    /// panel of 2 <see cref="Vector{T}"/>; returns bit <c>q</c> set when user <c>q</c> has a score <c>&gt;= bar[q]</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Kernel4(ref float u0, int rank, ref float panel, ref float target, int stride, ref float bar)
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
        return Reached(a0, b0, bar, 0) | Reached(a1, b1, Unsafe.Add(ref bar, 1), 1)
            | Reached(a2, b2, Unsafe.Add(ref bar, 2), 2) | Reached(a3, b3, Unsafe.Add(ref bar, 3), 3);
    }

    /// <summary>One user x one panel of 2 <see cref="Vector{T}"/>; true when a score is <c>&gt;= bar</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Kernel1(ref float u0, int rank, ref float panel, ref float target, float bar)
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
        return Reached(a0, b0, bar, 0) != 0;
    }

    /// <summary><c>1 &lt;&lt; bit</c> when a lane of <paramref name="low"/> or <paramref name="high"/> is <c>&gt;= bar</c>, else 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Reached(Vector512<float> low, Vector512<float> high, float bar, int bit)
    {
        var limit = Vector512.Create(bar);
        var any = Vector512.GreaterThanOrEqual(low, limit) | Vector512.GreaterThanOrEqual(high, limit);
        return (any.ExtractMostSignificantBits() != 0 ? 1u : 0u) << bit;
    }

    /// <summary><c>1 &lt;&lt; bit</c> when a lane of <paramref name="low"/> or <paramref name="high"/> is <c>&gt;= bar</c>, else 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Reached(Vector<float> low, Vector<float> high, float bar, int bit)
    {
        var limit = new Vector<float>(bar);
        bool any = Vector.GreaterThanOrEqualAny(low, limit) || Vector.GreaterThanOrEqualAny(high, limit);
        return (any ? 1u : 0u) << bit;
    }
}
