using System.Numerics.Tensors;

namespace SparkRecs.Core.Factorization;

/// <summary>
/// Computes the Gram matrix <c>F^T F = sum_r f_r f_r^T</c> of one side's factors: the implicit
/// kind's shared term <c>Y^T Y</c> (every unobserved pair with confidence 1), computed once per
/// sweep in <c>O(rows * k^2 / 2)</c> instead of once per row.
/// </summary>
/// <remarks>
/// Rows are split into a fixed number of blocks that depends only on the row count and rank (never
/// on the thread count); each block sums its lower triangle in double, and the blocks are added in
/// block order. The result is therefore bit-identical for any number of threads. The block count is
/// capped so the partial sums stay under 64 MB even at rank 1024. One instance per side is reused
/// for the whole training run.
/// </remarks>
internal sealed class GramMatrix
{
    private const int MaxBlocks = 16;
    private const int MinRowsPerBlock = 1024;
    private const long PartialBudgetBytes = 64L << 20;
    private const int TileRows = 16;

    private readonly int _rank;
    private readonly int _rows;
    private readonly int _rowsPerBlock;
    private readonly double[][] _partials;
    private readonly int _padded;
    private readonly bool _useKernels;

    /// <summary>
    /// Prepares the workspace for <paramref name="rows"/> rows of rank <paramref name="rank"/>;
    /// <paramref name="useKernels"/> selects the register-tiled <see cref="GramKernel"/> where the
    /// processor supports it (<see cref="FactorKernels.IsSupported"/>) over the reference loop.
    /// </summary>
    public GramMatrix(int rows, int rank, bool useKernels = true)
    {
        _rank = rank;
        _rows = rows;
        _padded = FactorKernels.PaddedRank(rank);
        _useKernels = useKernels && FactorKernels.IsSupported;
        // Kernel path: a padded kp x kp upper-triangle sum and a tile of rows widened to double.
        int partialLength = _useKernels ? _padded * _padded + TileRows * _padded : rank * rank + rank;
        long perBlockBytes = 8L * partialLength;
        int byMemory = (int)Math.Max(1, PartialBudgetBytes / perBlockBytes);
        int byRows = Math.Max(1, (rows + MinRowsPerBlock - 1) / MinRowsPerBlock);
        int blocks = Math.Min(MaxBlocks, Math.Min(byMemory, byRows));
        _rowsPerBlock = Math.Max(1, (rows + blocks - 1) / blocks);
        _partials = new double[blocks][];
        for (int b = 0; b < blocks; b++)
        {
            _partials[b] = new double[partialLength];
        }
        Full = new double[rank * rank];
        FullSingle = new float[rank * rank];
        PaddedSingle = new float[_padded * _padded];
    }

    /// <summary>Bytes of the result in its three forms and of the per-block partial sums.</summary>
    public long MemoryBytes
    {
        get
        {
            long total = ScratchBytes.Of(Full, FullSingle, PaddedSingle);
            foreach (var partial in _partials)
            {
                total += ScratchBytes.Of(partial);
            }
            return total;
        }
    }

    /// <summary>The last computed Gram matrix, full symmetric, row-major, double.</summary>
    public double[] Full { get; }

    /// <summary><see cref="Full"/> rounded to float, the form the row solvers read.</summary>
    public float[] FullSingle { get; }

    /// <summary>
    /// <see cref="FullSingle"/> with each row and column zero-padded to <see cref="FactorKernels.PaddedRank"/>:
    /// the form the vectorised row solver (<see cref="RowPanel"/>) reads.
    /// </summary>
    public float[] PaddedSingle { get; }

    /// <summary>Recomputes <see cref="Full"/> and <see cref="FullSingle"/> from <paramref name="factors"/>.</summary>
    public void Compute(FactorMatrix factors, int threads, CancellationToken ct)
    {
        if (factors.Rows != _rows || factors.Rank != _rank)
        {
            throw new ArgumentException($"Workspace is for {_rows} x {_rank} factors, got {factors.Rows} x {factors.Rank}.", nameof(factors));
        }
        int k = _rank;
        RowPartitioner.Run(_partials.Length, 1, threads, ct, (start, end) =>
        {
            for (int block = start; block < end; block++)
            {
                AccumulateBlock(factors, block);
            }
        });

        Array.Clear(Full);
        if (_useKernels)
        {
            // Upper triangles, padded stride, summed in block order.
            foreach (var partial in _partials)
            {
                for (int i = 0; i < k; i++)
                {
                    var sum = Full.AsSpan(i * k + i, k - i);
                    TensorPrimitives.Add(sum, partial.AsSpan(i * _padded + i, k - i), sum);
                }
            }
            for (int i = 0; i < k; i++)
            {
                for (int j = 0; j < i; j++)
                {
                    Full[i * k + j] = Full[j * k + i];
                }
            }
        }
        else
        {
            foreach (var partial in _partials)
            {
                for (int j = 0; j < k; j++)
                {
                    var sum = Full.AsSpan(j * k, j + 1);
                    TensorPrimitives.Add(sum, partial.AsSpan(j * k, j + 1), sum);
                }
            }
            for (int i = 0; i < k; i++)
            {
                for (int j = 0; j < i; j++)
                {
                    Full[j * k + i] = Full[i * k + j];
                }
            }
        }
        for (int n = 0; n < Full.Length; n++)
        {
            FullSingle[n] = (float)Full[n];
        }
        for (int i = 0; i < k; i++)
        {
            FullSingle.AsSpan(i * k, k).CopyTo(PaddedSingle.AsSpan(i * _padded, k));
        }
    }

    private void AccumulateBlock(FactorMatrix factors, int block)
    {
        if (_useKernels)
        {
            AccumulateBlockTiled(factors, block);
            return;
        }
        int k = _rank;
        var partial = _partials[block];
        Array.Clear(partial);
        var sum = partial.AsSpan(0, k * k);
        var row = partial.AsSpan(k * k, k);
        int first = block * _rowsPerBlock;
        int last = Math.Min(_rows, first + _rowsPerBlock);
        for (int r = first; r < last; r++)
        {
            var source = factors.Row(r);
            for (int j = 0; j < k; j++)
            {
                row[j] = source[j];
            }
            for (int j = 0; j < k; j++)
            {
                if (row[j] != 0d)
                {
                    var target = sum.Slice(j * k, j + 1);
                    TensorPrimitives.MultiplyAdd(row[..(j + 1)], row[j], target, target);
                }
            }
        }
    }

    private void AccumulateBlockTiled(FactorMatrix factors, int block)
    {
        int k = _rank;
        int kp = _padded;
        var partial = _partials[block];
        Array.Clear(partial);
        var sum = partial.AsSpan(0, kp * kp);
        var tile = partial.AsSpan(kp * kp, TileRows * kp);
        int first = block * _rowsPerBlock;
        int last = Math.Min(_rows, first + _rowsPerBlock);
        for (int start = first; start < last; start += TileRows)
        {
            int count = Math.Min(TileRows, last - start);
            for (int r = 0; r < count; r++)
            {
                // Widen to double; the padding columns were cleared with the partial and stay zero.
                var source = factors.Row(start + r);
                var target = tile.Slice(r * kp, k);
                for (int j = 0; j < k; j++)
                {
                    target[j] = source[j];
                }
            }
            GramKernel.AccumulateUpper(tile, count, sum, k, kp);
        }
    }
}
