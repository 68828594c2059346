namespace SparkRecs.Core.Evaluation;

/// <summary>
/// Training popularity of the catalogue, shared by the beyond-accuracy metrics: n_i per item, the
/// items of the popular head, and the popularity rank of every item.
/// </summary>
internal sealed class CatalogPopularity
{
    /// <summary>Number of buckets of the long-tail curve.</summary>
    internal const int CurveBuckets = 20;

    internal CatalogPopularity(int[] counts, int trainingUsers, double headShare)
    {
        Counts = counts;
        TrainingUsers = trainingUsers;
        var order = new int[counts.Length];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }
        // Most popular first, ties by lower id (deterministic).
        Array.Sort(order, (a, b) => counts[a] != counts[b] ? counts[b].CompareTo(counts[a]) : a.CompareTo(b));
        int seen = 0;
        foreach (int n in counts)
        {
            seen += n > 0 ? 1 : 0;
        }
        SeenItems = seen;
        PopularityRank = new int[counts.Length];
        for (int r = 0; r < order.Length; r++)
        {
            PopularityRank[order[r]] = r;
        }
        HeadSize = (int)Math.Ceiling(headShare * seen);
        TrainingCurve = new double[CurveBuckets];
        long total = 0;
        foreach (int n in counts)
        {
            total += n;
        }
        for (int i = 0; i < counts.Length; i++)
        {
            if (counts[i] > 0 && total > 0)
            {
                TrainingCurve[Bucket(i)] += (double)counts[i] / total;
            }
        }
    }

    /// <summary>n_i per train-space item.</summary>
    internal int[] Counts { get; }

    /// <summary>Number of training users (rows of the training matrix).</summary>
    internal int TrainingUsers { get; }

    /// <summary>Items with n_i &gt; 0: the candidate catalogue.</summary>
    internal int SeenItems { get; }

    /// <summary>0-based rank of each item by training count (most popular first, ties by lower id).</summary>
    internal int[] PopularityRank { get; }

    /// <summary>Items of rank below this are the popular head.</summary>
    internal int HeadSize { get; }

    /// <summary>Share of training interactions per popularity bucket (equal item-count buckets, most popular first).</summary>
    internal double[] TrainingCurve { get; }

    /// <summary>The curve bucket of an item: its popularity rank scaled to <see cref="CurveBuckets"/> equal slices of the seen items.</summary>
    internal int Bucket(int item)
        => SeenItems == 0 ? 0 : Math.Min(CurveBuckets - 1, (int)((long)PopularityRank[item] * CurveBuckets / SeenItems));
}
