namespace SparkRecs.Core.Evaluation;

/// <summary>
/// Compares two models evaluated on the same split, paired by user: only users both evaluated
/// count, and the per-user differences d_u = a_u - b_u are resampled (paired bootstrap), which
/// removes the large between-user variance that unpaired intervals carry.
/// </summary>
public static class PairedComparison
{
    /// <summary>Compares <paramref name="a"/> with <paramref name="b"/> on <paramref name="metric"/>.</summary>
    /// <param name="a">First model's evaluation.</param>
    /// <param name="b">Second model's evaluation, on the same split.</param>
    /// <param name="metric">A metric column, e.g. "ndcg@10" or "snips:recall@10".</param>
    /// <param name="resamples">Bootstrap resamples; default: <paramref name="a"/>'s options.</param>
    /// <param name="seed">Bootstrap seed; default: <paramref name="a"/>'s options.</param>
    /// <exception cref="ArgumentException">A model lacks the metric.</exception>
    public static ComparisonResult Compare(ModelEvaluation a, ModelEvaluation b, string metric, int? resamples = null, ulong? seed = null)
    {
        var valuesA = a.PerUser(metric);
        var valuesB = b.PerUser(metric);
        var usersA = a.Users;
        var usersB = b.Users;
        var differences = new List<double>(Math.Min(usersA.Length, usersB.Length));
        double sumA = 0;
        double sumB = 0;
        int i = 0;
        int j = 0;
        while (i < usersA.Length && j < usersB.Length)
        {
            if (usersA[i] < usersB[j])
            {
                i++;
            }
            else if (usersA[i] > usersB[j])
            {
                j++;
            }
            else
            {
                differences.Add(valuesA[i] - valuesB[j]);
                sumA += valuesA[i];
                sumB += valuesB[j];
                i++;
                j++;
            }
        }
        int n = differences.Count;
        int resampleCount = resamples ?? a.Options.BootstrapResamples;
        ulong seedValue = seed ?? a.Options.Seed;
        var d = differences.ToArray();
        var estimate = Bootstrap.MeanIntervals([d], n, resampleCount, seedValue, a.Options.EffectiveThreads)[0];
        double pBootstrap = n == 0 ? 1 : BootstrapPValue(d, resampleCount, seedValue, estimate.Value);
        double low = estimate.CiLow ?? 0;
        double high = estimate.CiHigh ?? 0;
        var verdict = n == 0 ? ComparisonVerdict.Inconclusive
            : low > 0 ? ComparisonVerdict.ABetter
            : high < 0 ? ComparisonVerdict.BBetter
            : ComparisonVerdict.Inconclusive;
        return new ComparisonResult(metric, a.Model, b.Model, n,
            n == 0 ? 0 : sumA / n, n == 0 ? 0 : sumB / n, estimate.Value, low, high,
            pBootstrap, WilcoxonSignedRank.PValue(d), verdict, n < a.Options.MinUsersForPower);
    }

    /// <summary>
    /// Two-sided p-value of "mean difference = 0" by the shifted paired bootstrap: the resampled means
    /// centred on the observed mean approximate its null distribution.
    /// </summary>
    private static double BootstrapPValue(double[] d, int resamples, ulong seed, double observed)
    {
        int n = d.Length;
        int extreme = 0;
        for (int b = 0; b < resamples; b++)
        {
            var rng = SplitMix64.ForStream(seed, (ulong)b);
            double sum = 0;
            for (int k = 0; k < n; k++)
            {
                sum += d[rng.NextInt(n)];
            }
            extreme += Math.Abs(sum / n - observed) >= Math.Abs(observed) ? 1 : 0;
        }
        return (1.0 + extreme) / (resamples + 1.0);
    }
}
