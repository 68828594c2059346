using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SparkRecs.Core.Factorization;

/// <summary>
/// The double-precision symmetric rank-<c>n</c> update <c>S += sum_r f_r f_r^T</c> behind
/// <see cref="GramMatrix"/>: the same 4-row register tiling as <see cref="RankUpdateKernel"/>
/// (4 rows by 16 columns, 16 accumulators of 4 doubles), upper triangle only.
/// </summary>
/// <remarks>
/// Double because the Gram matrix sums every row of a side (500k users): in float the sum would
/// lose digits the loss evaluation and the Cholesky path's monotone descent rely on. Entries below
/// the diagonal inside diagonal tiles are also updated; callers read the upper triangle.
/// </remarks>
internal static class GramKernel
{
    /// <summary>
    /// Adds <c>sum_r f_r f_r^T</c> over the first <paramref name="count"/> rows of
    /// <paramref name="panel"/> (stride <paramref name="kp"/>, a multiple of 16) to the upper
    /// triangle of <paramref name="matrix"/> (<c>kp x kp</c>); rows at or beyond <paramref name="rank"/> are padding.
    /// </summary>
    public static void AccumulateUpper(ReadOnlySpan<double> panel, int count, Span<double> matrix, int rank, int kp)
    {
        if (kp <= 0 || kp % FactorKernels.Block != 0 || rank > kp || matrix.Length < kp * kp || count < 0 || (long)count * kp > panel.Length)
        {
            throw new ArgumentException($"Rank {rank} padded to {kp}: matrix {matrix.Length}, panel {panel.Length} for {count} rows.");
        }
        ref double f = ref MemoryMarshal.GetReference(panel);
        ref double a = ref MemoryMarshal.GetReference(matrix);
        for (int row = 0; row < rank; row += 4)
        {
            for (int column = row / FactorKernels.Block * FactorKernels.Block; column < kp; column += 16)
            {
                Tile(ref f, count, ref Unsafe.Add(ref a, (nint)row * kp + column), row, column, kp);
            }
        }
    }

    private static void Tile(ref double f, int count, ref double a0, int row, int column, int kp)
    {
        ref double a1 = ref Unsafe.Add(ref a0, kp);
        ref double a2 = ref Unsafe.Add(ref a1, kp);
        ref double a3 = ref Unsafe.Add(ref a2, kp);
        var c00 = Vector256.LoadUnsafe(ref a0);
        var c01 = Vector256.LoadUnsafe(ref a0, 4);
        var c02 = Vector256.LoadUnsafe(ref a0, 8);
        var c03 = Vector256.LoadUnsafe(ref a0, 12);
        var c10 = Vector256.LoadUnsafe(ref a1);
        var c11 = Vector256.LoadUnsafe(ref a1, 4);
        var c12 = Vector256.LoadUnsafe(ref a1, 8);
        var c13 = Vector256.LoadUnsafe(ref a1, 12);
        var c20 = Vector256.LoadUnsafe(ref a2);
        var c21 = Vector256.LoadUnsafe(ref a2, 4);
        var c22 = Vector256.LoadUnsafe(ref a2, 8);
        var c23 = Vector256.LoadUnsafe(ref a2, 12);
        var c30 = Vector256.LoadUnsafe(ref a3);
        var c31 = Vector256.LoadUnsafe(ref a3, 4);
        var c32 = Vector256.LoadUnsafe(ref a3, 8);
        var c33 = Vector256.LoadUnsafe(ref a3, 12);
        ref double fc = ref Unsafe.Add(ref f, column);
        ref double fr = ref Unsafe.Add(ref f, row);
        for (int i = 0; i < count; i++)
        {
            var y0 = Vector256.LoadUnsafe(ref fc);
            var y1 = Vector256.LoadUnsafe(ref fc, 4);
            var y2 = Vector256.LoadUnsafe(ref fc, 8);
            var y3 = Vector256.LoadUnsafe(ref fc, 12);
            var z0 = Vector256.Create(fr);
            c00 = Vector256.FusedMultiplyAdd(y0, z0, c00);
            c01 = Vector256.FusedMultiplyAdd(y1, z0, c01);
            c02 = Vector256.FusedMultiplyAdd(y2, z0, c02);
            c03 = Vector256.FusedMultiplyAdd(y3, z0, c03);
            var z1 = Vector256.Create(Unsafe.Add(ref fr, 1));
            c10 = Vector256.FusedMultiplyAdd(y0, z1, c10);
            c11 = Vector256.FusedMultiplyAdd(y1, z1, c11);
            c12 = Vector256.FusedMultiplyAdd(y2, z1, c12);
            c13 = Vector256.FusedMultiplyAdd(y3, z1, c13);
            var z2 = Vector256.Create(Unsafe.Add(ref fr, 2));
            c20 = Vector256.FusedMultiplyAdd(y0, z2, c20);
            c21 = Vector256.FusedMultiplyAdd(y1, z2, c21);
            c22 = Vector256.FusedMultiplyAdd(y2, z2, c22);
            c23 = Vector256.FusedMultiplyAdd(y3, z2, c23);
            var z3 = Vector256.Create(Unsafe.Add(ref fr, 3));
            c30 = Vector256.FusedMultiplyAdd(y0, z3, c30);
            c31 = Vector256.FusedMultiplyAdd(y1, z3, c31);
            c32 = Vector256.FusedMultiplyAdd(y2, z3, c32);
            c33 = Vector256.FusedMultiplyAdd(y3, z3, c33);
            fc = ref Unsafe.Add(ref fc, kp);
            fr = ref Unsafe.Add(ref fr, kp);
        }
        c00.StoreUnsafe(ref a0);
        c01.StoreUnsafe(ref a0, 4);
        c02.StoreUnsafe(ref a0, 8);
        c03.StoreUnsafe(ref a0, 12);
        c10.StoreUnsafe(ref a1);
        c11.StoreUnsafe(ref a1, 4);
        c12.StoreUnsafe(ref a1, 8);
        c13.StoreUnsafe(ref a1, 12);
        c20.StoreUnsafe(ref a2);
        c21.StoreUnsafe(ref a2, 4);
        c22.StoreUnsafe(ref a2, 8);
        c23.StoreUnsafe(ref a2, 12);
        c30.StoreUnsafe(ref a3);
        c31.StoreUnsafe(ref a3, 4);
        c32.StoreUnsafe(ref a3, 8);
        c33.StoreUnsafe(ref a3, 12);
    }
}
