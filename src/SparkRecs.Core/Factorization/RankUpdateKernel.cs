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
/// <para>Register blocking: <c>A</c> is cut into tiles of 4 rows by 16 columns, and only tiles that
/// touch the lower triangle (first column &lt;= last row) are computed. A tile's 8 vector
/// accumulators stay in registers while the panel streams past: per observation, two loads of
/// <c>y_i</c>'s 16 columns, four broadcasts of <c>w_i y_i</c>'s 4 rows and eight fused
/// multiply-adds, against <c>k^2 / 2</c> separate scalar-times-vector calls in the reference
/// (<see cref="NormalEquation.Add"/>). The panel tile should fit in L1 (the caller gathers at most
/// <c>4096 / kp</c>... rows at a time, see <see cref="RowPanel"/>).</para>
/// <para>Entries strictly above the diagonal inside the diagonal tiles are also updated (with
/// correct values); entries of tiles wholly above it are not: callers read the lower triangle only,
/// or mirror it with <see cref="MirrorLower"/>. Each entry is the float sum over <c>i</c> in panel
/// order, so results are deterministic for a given panel.</para>
/// </remarks>
internal static class RankUpdateKernel
{
    /// <summary>
    /// Adds <c>sum_i scaled_i y_i^T</c> to the lower triangle of <paramref name="matrix"/>
    /// (<c>kp x kp</c>, row-major, padded), for the first <paramref name="count"/> rows of
    /// <paramref name="panel"/> (<c>y_i</c>) and <paramref name="scaledPanel"/> (<c>w_i y_i</c>),
    /// both of stride <paramref name="kp"/>. Rows at or beyond <paramref name="rank"/> are padding and skipped.
    /// </summary>
    public static void AccumulateLower(ReadOnlySpan<float> panel, ReadOnlySpan<float> scaledPanel, int count, Span<float> matrix, int rank, int kp)
    {
        if (kp <= 0 || kp % FactorKernels.Block != 0 || rank > kp || matrix.Length < kp * kp
            || count < 0 || (long)count * kp > panel.Length || (long)count * kp > scaledPanel.Length)
        {
            throw new ArgumentException($"Rank {rank} padded to {kp}: matrix {matrix.Length}, panels {panel.Length} and {scaledPanel.Length} for {count} rows.");
        }
        ref float y = ref MemoryMarshal.GetReference(panel);
        ref float z = ref MemoryMarshal.GetReference(scaledPanel);
        ref float a = ref MemoryMarshal.GetReference(matrix);
        for (int row = 0; row < rank; row += 4)
        {
            for (int column = 0; column <= row + 3 && column < kp; column += 16)
            {
                ref float a0 = ref Unsafe.Add(ref a, (nint)row * kp + column);
                ref float a1 = ref Unsafe.Add(ref a0, kp);
                ref float a2 = ref Unsafe.Add(ref a1, kp);
                ref float a3 = ref Unsafe.Add(ref a2, kp);
                var c00 = Vector256.LoadUnsafe(ref a0);
                var c01 = Vector256.LoadUnsafe(ref a0, 8);
                var c10 = Vector256.LoadUnsafe(ref a1);
                var c11 = Vector256.LoadUnsafe(ref a1, 8);
                var c20 = Vector256.LoadUnsafe(ref a2);
                var c21 = Vector256.LoadUnsafe(ref a2, 8);
                var c30 = Vector256.LoadUnsafe(ref a3);
                var c31 = Vector256.LoadUnsafe(ref a3, 8);
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
    }

    /// <summary>Copies the strict lower triangle of the first <paramref name="rank"/> rows onto the upper one (stride <paramref name="kp"/>).</summary>
    public static void MirrorLower(Span<float> matrix, int rank, int kp)
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
                matrix[j * kp + i] = row[j];
            }
        }
    }
}
