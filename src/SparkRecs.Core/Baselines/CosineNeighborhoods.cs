using SparkRecs.Core.Recommend;
using SparkRecs.Core.Sparse;

namespace SparkRecs.Core.Baselines;

/// <summary>
/// Builds <see cref="ItemKnnModel.Similarities"/>: per item, the co-occurrence counts with every
/// other item from a sparse-sparse product, turned into cosine similarities, truncated to the best
/// k. Items are processed in blocks in parallel; each block's rows are assembled in item order.
/// </summary>
internal static class CosineNeighborhoods
{
    private const int ItemsPerBlock = 256;

    public static CsrMatrix Build(CsrMatrix userItem, ItemKnnOptions options, int workers, CancellationToken ct)
    {
        int items = userItem.Columns;
        var itemUser = userItem.Transpose();
        int blockCount = (items + ItemsPerBlock - 1) / ItemsPerBlock;
        var blocks = new BlockRows[blockCount];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = ct };
        Parallel.For(
            0,
            blockCount,
            parallel,
            () => new Scratch(items, Math.Min(options.Neighbors, items)),
            (block, _, scratch) =>
            {
                ct.ThrowIfCancellationRequested();
                int first = block * ItemsPerBlock;
                int count = Math.Min(ItemsPerBlock, items - first);
                blocks[block] = BuildBlock(userItem, itemUser, options, first, count, scratch);
                return scratch;
            },
            _ => { });
        return Assemble(items, blocks, options.Neighbors);
    }

    /// <summary>Neighbour rows of items <c>[first, first + count)</c>.</summary>
    private static BlockRows BuildBlock(CsrMatrix userItem, CsrMatrix itemUser, ItemKnnOptions options, int first, int count, Scratch scratch)
    {
        var lengths = new int[count];
        int written = 0;
        for (int r = 0; r < count; r++)
        {
            int item = first + r;
            int touched = CountCoOccurrences(userItem, itemUser, item, scratch.CoCounts, scratch.Touched);
            double usersOfItem = itemUser.RowLength(item);
            for (int t = 0; t < touched; t++)
            {
                int other = scratch.Touched[t];
                int shared = scratch.CoCounts[other];
                scratch.CoCounts[other] = 0;
                if (other == item)
                {
                    continue;
                }
                double similarity = shared / Math.Sqrt(usersOfItem * itemUser.RowLength(other));
                if (options.Shrinkage > 0)
                {
                    similarity *= shared / (shared + (double)options.Shrinkage);
                }
                float value = (float)similarity;
                if (value >= options.MinSimilarity)
                {
                    scratch.Selector.Offer(other, value);
                }
            }
            int length = scratch.Selector.Count;
            scratch.EnsureBlockCapacity(written + length);
            var rowItems = scratch.BlockColumns.AsSpan(written, length);
            var rowValues = scratch.BlockValues.AsSpan(written, length);
            scratch.Selector.DrainTo(rowItems, rowValues);
            // CSR rows need increasing columns; the selector gave them best first.
            rowItems.Sort(rowValues);
            lengths[r] = length;
            written += length;
        }
        return new BlockRows(lengths, scratch.BlockColumns.AsSpan(0, written).ToArray(), scratch.BlockValues.AsSpan(0, written).ToArray());
    }

    /// <summary>
    /// <c>coCounts[j] = |U(item) n U(j)|</c> for every item <c>j</c> sharing a user with
    /// <paramref name="item"/> (the item itself included): row <paramref name="item"/> of
    /// <c>R^T R</c> for the binarised <c>R</c>, accumulated densely. Returns how many entries of
    /// <paramref name="touched"/> list the non-zero counts; the caller resets them.
    /// </summary>
    private static int CountCoOccurrences(CsrMatrix userItem, CsrMatrix itemUser, int item, int[] coCounts, int[] touched)
    {
        int count = 0;
        foreach (int user in itemUser.RowIndices(item))
        {
            foreach (int other in userItem.RowIndices(user))
            {
                if (coCounts[other]++ == 0)
                {
                    touched[count++] = other;
                }
            }
        }
        return count;
    }

    private static CsrMatrix Assemble(int items, BlockRows[] blocks, int neighbors)
    {
        long total = 0;
        foreach (var block in blocks)
        {
            total += block.Columns.Length;
        }
        if (total > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(neighbors), neighbors, $"{items} items with up to {neighbors} neighbours each hold {total} similarities, more than one array can; lower the neighbour count.");
        }
        var pointers = new int[items + 1];
        var columns = new int[total];
        var values = new float[total];
        int row = 0;
        int offset = 0;
        foreach (var block in blocks)
        {
            foreach (int length in block.Lengths)
            {
                pointers[row + 1] = pointers[row] + length;
                row++;
            }
            block.Columns.CopyTo(columns, offset);
            block.Values.CopyTo(values, offset);
            offset += block.Columns.Length;
        }
        return new CsrMatrix(items, items, pointers, columns, values);
    }

    /// <summary>The neighbour rows of one block of items, concatenated.</summary>
    private sealed record BlockRows(int[] Lengths, int[] Columns, float[] Values);

    /// <summary>Per-thread scratch: the dense co-count accumulator, the selector and the block's output buffer.</summary>
    private sealed class Scratch(int items, int neighbors)
    {
        public int[] CoCounts { get; } = new int[items];

        public int[] Touched { get; } = new int[items];

        public TopKSelector Selector { get; } = new(neighbors);

        public int[] BlockColumns { get; private set; } = new int[InitialBlockCapacity(neighbors)];

        public float[] BlockValues { get; private set; } = new float[InitialBlockCapacity(neighbors)];

        private static int InitialBlockCapacity(int neighbors) => (int)Math.Min(ItemsPerBlock * 16L, ItemsPerBlock * (long)neighbors);

        /// <summary>Grows the block buffer (doubling) so it holds at least <paramref name="needed"/> entries.</summary>
        public void EnsureBlockCapacity(int needed)
        {
            if (needed <= BlockColumns.Length)
            {
                return;
            }
            int size = (int)Math.Min(Array.MaxLength, Math.Max(needed, 2L * BlockColumns.Length));
            var columns = BlockColumns;
            var values = BlockValues;
            Array.Resize(ref columns, size);
            Array.Resize(ref values, size);
            BlockColumns = columns;
            BlockValues = values;
        }
    }
}
