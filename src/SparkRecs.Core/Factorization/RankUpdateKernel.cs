using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SparkRecs.Core.Factorization;

/// <summary>
/// The weighted symmetric rank-<c>n</c> update <c>A += sum_i (w_i y_i) y_i^T</c> (a small SYRK,
/// <c>Y^T diag(w) Y</c>) over a gathered panel: how the Cholesky path forms a row's normal
/// equations, and how the conjugate-gradient path forms them for rows too long to keep in cache.
/// </summary>
/// <remarks>
/// <para>Register blocking: <c>A</c> is cut into tiles of 4 rows by 32 columns (16 at the right
/// edge), and only tiles that reach the upper triangle are computed. A tile's 16 vector
/// accumulators stay in registers while the panel streams past: per observation, four loads of
/// <c>y_i</c>'s 32 columns, four broadcasts of <c>w_i y_i</c>'s 4 rows and sixteen fused
/// multiply-adds, against <c>k^2 / 2</c> separate scalar-times-vector calls in the reference
/// (<see cref="NormalEquation.Add"/>). Callers gather the panel in tiles of about 16 KB so it
/// stays in L1 while every tile of <c>A</c> passes over it.</para>
/// <para>The upper triangle (not the lower, as the reference keeps) because its rows are the rows
/// of the Cholesky factor <see cref="CholeskyKernel"/> works on: converting it to double is then a
/// contiguous copy. Entries below the diagonal inside the diagonal tiles are also updated (with
/// correct values); entries of tiles wholly below it are not: callers read the upper triangle only,
/// or mirror it with <see cref="MirrorUpper"/>. Each entry is the float sum over <c>i</c> in panel
/// order, so results are deterministic for a given panel.</para>
/// </remarks>
internal static class RankUpdateKernel
{
    /// <summary>
    /// Adds <c>sum_i scaled_i y_i^T</c> to the upper triangle of <paramref name="matrix"/>
    /// (<c>kp x kp</c>, row-major, padded), for the first <paramref name="count"/> rows of
    /// <paramref name="panel"/> (<c>y_i</c>) and <paramref name="scaledPanel"/> (<c>w_i y_i</c>),
    /// both of stride <paramref name="kp"/>. Rows at or beyond <paramref name="rank"/> are padding and skipped.
    /// </summary>
    public static void AccumulateUpper(ReadOnlySpan<float> panel, ReadOnlySpan<float> scaledPanel, int count, Span<float> matrix, int rank, int kp)
        => Update(panel, scaledPanel, count, matrix, matrix, rank, kp);

    /// <summary>
    /// As <see cref="AccumulateUpper"/>, but the upper triangle of <paramref name="matrix"/> becomes
    /// <paramref name="start"/> plus the update (<c>0</c> plus the update when <paramref name="start"/>
    /// is empty), without copying <paramref name="start"/> first: each tile is loaded from it into
    /// registers. This saves the row solver a <c>kp x kp</c> copy of <c>Y^T Y</c> per row (64 KB at
    /// rank 128), which profiling showed costing a tenth of a Cholesky sweep. <paramref name="start"/>
    /// may be <paramref name="matrix"/> itself.
    /// </summary>
    public static void Update(ReadOnlySpan<float> panel, ReadOnlySpan<float> scaledPanel, int count, ReadOnlySpan<float> start, Span<float> matrix, int rank, int kp)
    {
        if (kp <= 0 || kp % FactorKernels.Block != 0 || rank > kp || matrix.Length < kp * kp || (!start.IsEmpty && start.Length < kp * kp)
            || count < 0 || (long)count * kp > panel.Length || (long)count * kp > scaledPanel.Length)
        {
            throw new ArgumentException($"Rank {rank} padded to {kp}: matrix {matrix.Length}, start {start.Length}, panels {panel.Length} and {scaledPanel.Length} for {count} rows.");
        }
        ref float y = ref MemoryMarshal.GetReference(panel);
        ref float z = ref MemoryMarshal.GetReference(scaledPanel);
        ref float a = ref MemoryMarshal.GetReference(matrix);
        // An empty start reads every tile row from one row of zeros (stride 0).
        bool fromZero = start.IsEmpty;
        ref float s = ref fromZero ? ref MemoryMarshal.GetReference(ZeroRows.AsSpan()) : ref MemoryMarshal.GetReference(start);
        for (int row = 0; row < rank; row += 4)
        {
            int column = row / FactorKernels.Block * FactorKernels.Block;
            nint startRow = fromZero ? 0 : (nint)row * kp;
            for (; column + 32 <= kp; column += 32)
            {
                Tile32(ref y, ref z, count, ref Unsafe.Add(ref s, startRow + column), fromZero ? 0 : kp, ref Unsafe.Add(ref a, (nint)row * kp + column), row, column, kp);
            }
            if (column < kp)
            {
                Tile16(ref y, ref z, count, ref Unsafe.Add(ref s, startRow + column), fromZero ? 0 : kp, ref Unsafe.Add(ref a, (nint)row * kp + column), row, column, kp);
            }
        }
    }

    /// <summary>Zeros a tile can load from when the update starts from zero (stride 0, widest padded rank).</summary>
    private static readonly float[] ZeroRows = new float[FactorKernels.PaddedRank(AlsOptions.MaxRank)];

    /// <summary>Copies the strict upper triangle of the first <paramref name="rank"/> rows onto the lower one (stride <paramref name="kp"/>).</summary>
    public static void MirrorUpper(Span<float> matrix, int rank, int kp)
    {
        if (rank > kp || matrix.Length < kp * kp)
        {
            throw new ArgumentException($"Rank {rank} padded to {kp} needs {kp * kp} values, got {matrix.Length}.", nameof(matrix));
        }
        for (int i = 1; i < rank; i++)
        {
            var row = matrix.Slice(i * kp, i);
            for (int j = 0; j < i; j++)
            {
                row[j] = matrix[j * kp + i];
            }
        }
    }

    private static void Tile32(ref float y, ref float z, int count, ref float s0, int startStride, ref float a0, int row, int column, int kp)
    {
        ref float s1 = ref Unsafe.Add(ref s0, startStride);
        ref float s2 = ref Unsafe.Add(ref s1, startStride);
        ref float s3 = ref Unsafe.Add(ref s2, startStride);
        ref float a1 = ref Unsafe.Add(ref a0, kp);
        ref float a2 = ref Unsafe.Add(ref a1, kp);
        ref float a3 = ref Unsafe.Add(ref a2, kp);
        var c00 = Vector256.LoadUnsafe(ref s0);
        var c01 = Vector256.LoadUnsafe(ref s0, 8);
        var c02 = Vector256.LoadUnsafe(ref s0, 16);
        var c03 = Vector256.LoadUnsafe(ref s0, 24);
        var c10 = Vector256.LoadUnsafe(ref s1);
        var c11 = Vector256.LoadUnsafe(ref s1, 8);
        var c12 = Vector256.LoadUnsafe(ref s1, 16);
        var c13 = Vector256.LoadUnsafe(ref s1, 24);
        var c20 = Vector256.LoadUnsafe(ref s2);
        var c21 = Vector256.LoadUnsafe(ref s2, 8);
        var c22 = Vector256.LoadUnsafe(ref s2, 16);
        var c23 = Vector256.LoadUnsafe(ref s2, 24);
        var c30 = Vector256.LoadUnsafe(ref s3);
        var c31 = Vector256.LoadUnsafe(ref s3, 8);
        var c32 = Vector256.LoadUnsafe(ref s3, 16);
        var c33 = Vector256.LoadUnsafe(ref s3, 24);
        ref float yi = ref Unsafe.Add(ref y, column);
        ref float zi = ref Unsafe.Add(ref z, row);
        for (int i = 0; i < count; i++)
        {
            var y0 = Vector256.LoadUnsafe(ref yi);
            var y1 = Vector256.LoadUnsafe(ref yi, 8);
            var y2 = Vector256.LoadUnsafe(ref yi, 16);
            var y3 = Vector256.LoadUnsafe(ref yi, 24);
            var z0 = Vector256.Create(zi);
            c00 = Vector256.FusedMultiplyAdd(y0, z0, c00);
            c01 = Vector256.FusedMultiplyAdd(y1, z0, c01);
            c02 = Vector256.FusedMultiplyAdd(y2, z0, c02);
            c03 = Vector256.FusedMultiplyAdd(y3, z0, c03);
            var z1 = Vector256.Create(Unsafe.Add(ref zi, 1));
            c10 = Vector256.FusedMultiplyAdd(y0, z1, c10);
            c11 = Vector256.FusedMultiplyAdd(y1, z1, c11);
            c12 = Vector256.FusedMultiplyAdd(y2, z1, c12);
            c13 = Vector256.FusedMultiplyAdd(y3, z1, c13);
            var z2 = Vector256.Create(Unsafe.Add(ref zi, 2));
            c20 = Vector256.FusedMultiplyAdd(y0, z2, c20);
            c21 = Vector256.FusedMultiplyAdd(y1, z2, c21);
            c22 = Vector256.FusedMultiplyAdd(y2, z2, c22);
            c23 = Vector256.FusedMultiplyAdd(y3, z2, c23);
            var z3 = Vector256.Create(Unsafe.Add(ref zi, 3));
            c30 = Vector256.FusedMultiplyAdd(y0, z3, c30);
            c31 = Vector256.FusedMultiplyAdd(y1, z3, c31);
            c32 = Vector256.FusedMultiplyAdd(y2, z3, c32);
            c33 = Vector256.FusedMultiplyAdd(y3, z3, c33);
            yi = ref Unsafe.Add(ref yi, kp);
            zi = ref Unsafe.Add(ref zi, kp);
        }
        c00.StoreUnsafe(ref a0);
        c01.StoreUnsafe(ref a0, 8);
        c02.StoreUnsafe(ref a0, 16);
        c03.StoreUnsafe(ref a0, 24);
        c10.StoreUnsafe(ref a1);
        c11.StoreUnsafe(ref a1, 8);
        c12.StoreUnsafe(ref a1, 16);
        c13.StoreUnsafe(ref a1, 24);
        c20.StoreUnsafe(ref a2);
        c21.StoreUnsafe(ref a2, 8);
        c22.StoreUnsafe(ref a2, 16);
        c23.StoreUnsafe(ref a2, 24);
        c30.StoreUnsafe(ref a3);
        c31.StoreUnsafe(ref a3, 8);
        c32.StoreUnsafe(ref a3, 16);
        c33.StoreUnsafe(ref a3, 24);
    }

    private static void Tile16(ref float y, ref float z, int count, ref float s0, int startStride, ref float a0, int row, int column, int kp)
    {
        ref float s1 = ref Unsafe.Add(ref s0, startStride);
        ref float s2 = ref Unsafe.Add(ref s1, startStride);
        ref float s3 = ref Unsafe.Add(ref s2, startStride);
        ref float a1 = ref Unsafe.Add(ref a0, kp);
        ref float a2 = ref Unsafe.Add(ref a1, kp);
        ref float a3 = ref Unsafe.Add(ref a2, kp);
        var c00 = Vector256.LoadUnsafe(ref s0);
        var c01 = Vector256.LoadUnsafe(ref s0, 8);
        var c10 = Vector256.LoadUnsafe(ref s1);
        var c11 = Vector256.LoadUnsafe(ref s1, 8);
        var c20 = Vector256.LoadUnsafe(ref s2);
        var c21 = Vector256.LoadUnsafe(ref s2, 8);
        var c30 = Vector256.LoadUnsafe(ref s3);
        var c31 = Vector256.LoadUnsafe(ref s3, 8);
        ref float yi = ref Unsafe.Add(ref y, column);
        ref float zi = ref Unsafe.Add(ref z, row);
        for (int i = 0; i < count; i++)
        {
            var y0 = Vector256.LoadUnsafe(ref yi);
            var y1 = Vector256.LoadUnsafe(ref yi, 8);
            var z0 = Vector256.Create(zi);
            var z1 = Vector256.Create(Unsafe.Add(ref zi, 1));
            var z2 = Vector256.Create(Unsafe.Add(ref zi, 2));
            var z3 = Vector256.Create(Unsafe.Add(ref zi, 3));
            c00 = Vector256.FusedMultiplyAdd(y0, z0, c00);
            c01 = Vector256.FusedMultiplyAdd(y1, z0, c01);
            c10 = Vector256.FusedMultiplyAdd(y0, z1, c10);
            c11 = Vector256.FusedMultiplyAdd(y1, z1, c11);
            c20 = Vector256.FusedMultiplyAdd(y0, z2, c20);
            c21 = Vector256.FusedMultiplyAdd(y1, z2, c21);
            c30 = Vector256.FusedMultiplyAdd(y0, z3, c30);
            c31 = Vector256.FusedMultiplyAdd(y1, z3, c31);
            yi = ref Unsafe.Add(ref yi, kp);
            zi = ref Unsafe.Add(ref zi, kp);
        }
        c00.StoreUnsafe(ref a0);
        c01.StoreUnsafe(ref a0, 8);
        c10.StoreUnsafe(ref a1);
        c11.StoreUnsafe(ref a1, 8);
        c20.StoreUnsafe(ref a2);
        c21.StoreUnsafe(ref a2, 8);
        c30.StoreUnsafe(ref a3);
        c31.StoreUnsafe(ref a3, 8);
    }
}
