using SparkRecs.Core.Recommend;

namespace SparkRecs.Core.Evaluation;

/// <summary>Computes <see cref="BeyondAccuracyMetrics"/> and the long-tail curve from top lists.</summary>
internal static class BeyondAccuracy
{
    /// <summary>The metrics at cutoff <paramref name="k"/> over the list rows in <paramref name="rows"/>.</summary>
    internal static BeyondAccuracyMetrics Compute(TopNLists lists, ReadOnlySpan<int> rows, int k, CatalogPopularity popularity)
    {
        var counts = popularity.Counts;
        var exposure = new long[counts.Length];
        long slots = 0;
        long tailSlots = 0;
        double noveltySum = 0;
        double arpSum = 0;
        int arpUsers = 0;
        double users = Math.Max(1, popularity.TrainingUsers);
        foreach (int row in rows)
        {
            var items = lists.Items(row)[..Math.Min(k, lists.Width)];
            double userPopularity = 0;
            int length = 0;
            foreach (int item in items)
            {
                if (item < 0)
                {
                    break;
                }
                exposure[item]++;
                length++;
                userPopularity += counts[item];
                tailSlots += popularity.PopularityRank[item] >= popularity.HeadSize ? 1 : 0;
                noveltySum += -Math.Log2(Math.Max(counts[item], 1) / users);
            }
            slots += length;
            if (length > 0)
            {
                arpSum += userPopularity / length;
                arpUsers++;
            }
        }
        int covered = 0;
        foreach (long e in exposure)
        {
            covered += e > 0 ? 1 : 0;
        }
        return new BeyondAccuracyMetrics(
            K: k,
            Coverage: popularity.SeenItems == 0 ? 0 : (double)covered / popularity.SeenItems,
            ExposureGini: Gini(exposure, counts),
            AverageRecommendedPopularity: arpUsers == 0 ? 0 : arpSum / arpUsers,
            LongTailShare: slots == 0 ? 0 : (double)tailSlots / slots,
            Novelty: slots == 0 ? 0 : noveltySum / slots);
    }

    /// <summary>Share of recommendation slots (at the full list width) per popularity bucket.</summary>
    internal static double[] RecommendedCurve(TopNLists lists, CatalogPopularity popularity)
    {
        var curve = new double[CatalogPopularity.CurveBuckets];
        long slots = 0;
        foreach (int item in lists.ItemArray)
        {
            if (item >= 0)
            {
                curve[popularity.Bucket(item)]++;
                slots++;
            }
        }
        for (int b = 0; b < curve.Length && slots > 0; b++)
        {
            curve[b] /= slots;
        }
        return curve;
    }

    /// <summary>Gini of the exposures of the training items (n_i &gt; 0).</summary>
    private static double Gini(long[] exposure, int[] counts)
    {
        var values = new List<long>(exposure.Length);
        for (int i = 0; i < exposure.Length; i++)
        {
            if (counts[i] > 0)
            {
                values.Add(exposure[i]);
            }
        }
        values.Sort();
        double total = 0;
        double weighted = 0;
        for (int j = 0; j < values.Count; j++)
        {
            total += values[j];
            weighted += (j + 1) * (double)values[j];
        }
        int n = values.Count;
        return total == 0 ? 0 : 2 * weighted / (n * total) - (n + 1.0) / n;
    }
}
