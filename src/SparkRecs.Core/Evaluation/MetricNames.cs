namespace SparkRecs.Core.Evaluation;

/// <summary>
/// The stable names of the per-user metrics, as used in reports, comparisons and the quality gate.
/// </summary>
/// <remarks>
/// Top-K metrics are written <c>name@K</c> ("ndcg@10"); AUC has no K. The inverse-propensity
/// variants prefix the naive name: <c>snips:recall@10</c> (self-normalised, the primary unbiased
/// number) and <c>ips:recall@10</c> (plain, unnormalised). Weighted variants exist for recall, nDCG
/// and AUC. Every metric is "higher is better".
/// </remarks>
public static class MetricNames
{
    /// <summary>|L_u ∩ R_u| / K.</summary>
    public const string Precision = "precision";

    /// <summary>|L_u ∩ R_u| / |R_u|.</summary>
    public const string Recall = "recall";

    /// <summary>1 if |L_u ∩ R_u| &gt; 0.</summary>
    public const string HitRate = "hitrate";

    /// <summary>AP@K normalised by min(K, |R_u|), averaged over users.</summary>
    public const string Map = "map";

    /// <summary>DCG@K / IDCG@K with IDCG over min(K, |R_u|) hits.</summary>
    public const string Ndcg = "ndcg";

    /// <summary>1 / rank of the first hit within K, else 0.</summary>
    public const string Mrr = "mrr";

    /// <summary>Share of (relevant, non-relevant candidate) pairs ordered correctly over the full candidate set.</summary>
    public const string Auc = "auc";

    /// <summary>Prefix of the self-normalised inverse-propensity variant.</summary>
    public const string SnipsPrefix = "snips:";

    /// <summary>Prefix of the plain inverse-propensity variant.</summary>
    public const string IpsPrefix = "ips:";

    /// <summary>The naive top-K metric families, in report order.</summary>
    public static IReadOnlyList<string> TopKFamilies { get; } = [Precision, Recall, HitRate, Map, Ndcg, Mrr];

    /// <summary>The families that also have SNIPS and IPS variants.</summary>
    public static IReadOnlyList<string> WeightedFamilies { get; } = [Recall, Ndcg, Auc];

    /// <summary>"ndcg@10" for family "ndcg" and K = 10.</summary>
    public static string AtK(string family, int k) => $"{family}@{k.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>Every per-user metric column for the given cutoffs, in a fixed order.</summary>
    public static IReadOnlyList<string> Columns(IReadOnlyList<int> ks)
    {
        var columns = new List<string>(ks.Count * 10 + 3);
        foreach (int k in ks)
        {
            foreach (string family in TopKFamilies)
            {
                columns.Add(AtK(family, k));
            }
            columns.Add(SnipsPrefix + AtK(Recall, k));
            columns.Add(SnipsPrefix + AtK(Ndcg, k));
            columns.Add(IpsPrefix + AtK(Recall, k));
            columns.Add(IpsPrefix + AtK(Ndcg, k));
        }
        columns.Add(Auc);
        columns.Add(SnipsPrefix + Auc);
        columns.Add(IpsPrefix + Auc);
        return columns;
    }

    /// <summary>Number of columns per K in <see cref="Columns"/>.</summary>
    internal const int ColumnsPerK = 10;
}
