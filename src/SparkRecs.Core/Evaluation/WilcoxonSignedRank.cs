namespace SparkRecs.Core.Evaluation;

/// <summary>
/// Two-sided Wilcoxon signed-rank test of paired differences (Wilcoxon 1945) with the normal
/// approximation: zero differences are dropped, |d| ranked with average ranks for ties,
/// W+ = sum of the ranks of positive differences, E[W+] = n(n+1)/4,
/// Var[W+] = n(n+1)(2n+1)/24 - sum_t (t^3 - t)/48 over tie groups of size t, and
/// z = (W+ - E - 0.5 sign(W+ - E)) / sqrt(Var) with a continuity correction. Adequate for the
/// user counts of an evaluation (tens and more); it complements the paired bootstrap, which
/// tests the mean, by testing the median shift.
/// </summary>
internal static class WilcoxonSignedRank
{
    /// <summary>The two-sided p-value; 1 when every difference is zero.</summary>
    internal static double PValue(ReadOnlySpan<double> differences)
    {
        var nonZero = new List<double>(differences.Length);
        foreach (double d in differences)
        {
            if (d != 0)
            {
                nonZero.Add(d);
            }
        }
        int n = nonZero.Count;
        if (n == 0)
        {
            return 1;
        }
        var magnitude = nonZero.Select(Math.Abs).ToArray();
        var order = Enumerable.Range(0, n).ToArray();
        Array.Sort((double[])magnitude.Clone(), order);
        double positive = 0;
        double tieCorrection = 0;
        int start = 0;
        while (start < n)
        {
            int end = start + 1;
            while (end < n && magnitude[order[end]] == magnitude[order[start]])
            {
                end++;
            }
            double averageRank = (start + 1 + end) / 2.0;
            int t = end - start;
            tieCorrection += (double)t * t * t - t;
            for (int k = start; k < end; k++)
            {
                if (nonZero[order[k]] > 0)
                {
                    positive += averageRank;
                }
            }
            start = end;
        }
        double mean = n * (n + 1) / 4.0;
        double variance = n * (n + 1) * (2.0 * n + 1) / 24.0 - tieCorrection / 48.0;
        if (variance <= 0)
        {
            return 1;
        }
        double shift = positive - mean;
        double corrected = Math.Max(0, Math.Abs(shift) - 0.5);
        double z = corrected / Math.Sqrt(variance);
        return Math.Min(1, Erfc(z / Math.Sqrt(2)));
    }

    /// <summary>
    /// Complementary error function, Chebyshev-fitted rational approximation with fractional error
    /// below 1.2e-7 everywhere; 2 * (1 - Phi(|z|)) = erfc(|z| / sqrt 2).
    /// </summary>
    internal static double Erfc(double x)
    {
        double z = Math.Abs(x);
        double t = 1 / (1 + 0.5 * z);
        double poly = -z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
            + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
            + t * (-0.82215223 + t * 0.17087277))))))));
        double result = t * Math.Exp(poly);
        return x >= 0 ? result : 2 - result;
    }
}
