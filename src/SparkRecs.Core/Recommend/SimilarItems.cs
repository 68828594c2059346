using SparkRecs.Core.Factorization;
using SparkRecs.Core.Sparse;

namespace SparkRecs.Core.Recommend;

/// <summary>
/// "Items like this one": for every item, the <c>n</c> other items whose factors point the most in
/// the same direction, by cosine similarity <c>cos(i, j) = y_i . y_j / (|y_i| |y_j|)</c>, best
/// first, ties broken by the lower item id.
/// </summary>
/// <remarks>
/// <para>
/// Each item vector is scaled to unit length once (in double, then stored as float), and the
/// normalised catalogue is run through the same blocked top-N kernel as user recommendations,
/// items acting as their own queries with only the item itself excluded. Scores are therefore in
/// [-1, 1] up to float rounding.
/// </para>
/// <para>
/// Zero-norm items (all factors 0, e.g. an item ALS never updated) have no direction and no
/// defined cosine: their own list is empty (all -1, scores 0) and they never appear in another
/// item's list. No NaN is produced. Items whose factors are not finite (NaN or infinite norm) are
/// treated the same way.
/// </para>
/// </remarks>
public static class SimilarItems
{
    /// <summary>Computes the <paramref name="n"/> most similar items of every item of <paramref name="items"/>.</summary>
    /// <param name="items">Item factors.</param>
    /// <param name="n">List width.</param>
    /// <param name="threads">Worker threads; 0 means one per logical processor.</param>
    /// <param name="ct">Cancels between item blocks.</param>
    public static TopNLists Compute(FactorMatrix items, int n, int threads, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        int workers = WorkerThreads.Resolve(threads, nameof(threads));

        var (unit, originalIds) = NormaliseNonZeroRows(items);
        var self = IdentityPattern(unit.Rows);
        var compact = TopNRecommender.RecommendAll(unit, unit, self, n, workers, ct: ct);

        var result = new TopNLists(items.Rows, n);
        for (int r = 0; r < compact.Rows; r++)
        {
            var sourceItems = compact.Items(r);
            var targetItems = result.Items(originalIds[r]);
            for (int k = 0; k < n; k++)
            {
                int id = sourceItems[k];
                targetItems[k] = id < 0 ? -1 : originalIds[id];
            }
            compact.Scores(r).CopyTo(result.Scores(originalIds[r]));
        }
        return result;
    }

    /// <summary>
    /// Unit-length copies of the non-zero rows, in increasing id order (so ties on the compact ids
    /// break the same way as on the original ids), and the original id of each compact row.
    /// </summary>
    private static (FactorMatrix Unit, int[] OriginalIds) NormaliseNonZeroRows(FactorMatrix items)
    {
        int rank = items.Rank;
        var norms = new double[items.Rows];
        int nonZero = 0;
        for (int i = 0; i < items.Rows; i++)
        {
            double sum = 0;
            foreach (float x in items.Row(i))
            {
                sum += (double)x * x;
            }
            norms[i] = Math.Sqrt(sum);
            if (norms[i] > 0 && double.IsFinite(norms[i]))
            {
                nonZero++;
            }
        }

        var unit = new FactorMatrix(nonZero, rank);
        var originalIds = new int[nonZero];
        int r = 0;
        for (int i = 0; i < items.Rows; i++)
        {
            if (!(norms[i] > 0 && double.IsFinite(norms[i])))
            {
                continue;
            }
            var source = items.Row(i);
            var target = unit.Row(r);
            for (int k = 0; k < rank; k++)
            {
                // Divide in double: a tiny (subnormal) norm would overflow 1 / norm in float.
                target[k] = (float)(source[k] / norms[i]);
            }
            originalIds[r++] = i;
        }
        return (unit, originalIds);
    }

    /// <summary>The <paramref name="size"/> x <paramref name="size"/> identity pattern: each item "has seen" itself.</summary>
    private static CsrMatrix IdentityPattern(int size)
    {
        var pointers = new int[size + 1];
        var columns = new int[size];
        var values = new float[size];
        for (int i = 0; i < size; i++)
        {
            pointers[i + 1] = i + 1;
            columns[i] = i;
            values[i] = 1f;
        }
        return new CsrMatrix(size, size, pointers, columns, values);
    }
}
