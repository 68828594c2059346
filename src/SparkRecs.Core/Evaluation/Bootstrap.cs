namespace SparkRecs.Core.Evaluation;

/// <summary>
/// Seeded nonparametric bootstrap over users: resample the users with replacement, recompute the
/// mean, repeat B times, and take the 2.5% and 97.5% quantiles of the resampled means (the
/// percentile interval). Resample b draws from its own generator stream of the seed, so the result
/// does not depend on the thread count or the metric, and every metric of one model sees the same
/// resampled user sets.
/// </summary>
public static class Bootstrap
{
    /// <summary>The mean of <paramref name="values"/> with its percentile interval at <paramref name="level"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than 1 resample, or a level outside (0, 1).</exception>
    public static MetricEstimate MeanInterval(ReadOnlySpan<double> values, int resamples, ulong seed, double level = 0.95)
        => MeanIntervals([values.ToArray()], values.Length, resamples, seed, 1, level)[0];

    /// <summary>The means of equally long columns with intervals from shared resamples, in parallel over resamples.</summary>
    internal static MetricEstimate[] MeanIntervals(double[][] columns, int n, int resamples, ulong seed, int threads, double level = 0.95)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 1);
        if (!(level > 0 && level < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "The interval level must be strictly between 0 and 1 (e.g. 0.95).");
        }
        int m = columns.Length;
        var result = new MetricEstimate[m];
        if (n == 0)
        {
            for (int c = 0; c < m; c++)
            {
                result[c] = new MetricEstimate(0, null, null);
            }
            return result;
        }
        // means[c][b]: the mean of column c in resample b.
        var means = new double[m][];
        for (int c = 0; c < m; c++)
        {
            means[c] = new double[resamples];
        }
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) };
        Parallel.For(0, resamples, parallel, () => (Indices: new int[n], Sums: new double[m]), (b, _, scratch) =>
        {
            var rng = SplitMix64.ForStream(seed, (ulong)b);
            var indices = scratch.Indices;
            for (int k = 0; k < n; k++)
            {
                indices[k] = rng.NextInt(n);
            }
            for (int c = 0; c < m; c++)
            {
                var column = columns[c];
                double sum = 0;
                foreach (int k in indices)
                {
                    sum += column[k];
                }
                means[c][b] = sum / n;
            }
            return scratch;
        }, _ => { });

        double alpha = (1 - level) / 2;
        for (int c = 0; c < m; c++)
        {
            Array.Sort(means[c]);
            result[c] = new MetricEstimate(Mean(columns[c].AsSpan(0, n)), Quantile(means[c], alpha), Quantile(means[c], 1 - alpha));
        }
        return result;
    }

    /// <summary>Unweighted mean (0 for an empty span).</summary>
    internal static double Mean(ReadOnlySpan<double> values)
    {
        double sum = 0;
        foreach (double v in values)
        {
            sum += v;
        }
        return values.Length == 0 ? 0 : sum / values.Length;
    }

    /// <summary>Quantile of sorted values with linear interpolation between order statistics (Hyndman-Fan type 7).</summary>
    internal static double Quantile(ReadOnlySpan<double> sorted, double q)
    {
        double h = (sorted.Length - 1) * q;
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
