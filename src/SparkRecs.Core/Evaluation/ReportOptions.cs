using System.Text.Json.Serialization;

namespace SparkRecs.Core.Evaluation;

/// <summary>The settings a report's numbers depend on, including the denominator of every metric.</summary>
/// <param name="Ks">Cutoffs K.</param>
/// <param name="Relevance">The relevance rule.</param>
/// <param name="RelevanceText">The rule in words ("rating >= 4").</param>
/// <param name="PropensityEta">Exponent of the popularity propensity.</param>
/// <param name="PropensityMin">Lower clip of the propensity.</param>
/// <param name="PositionEta">Exponent of the position propensity, null when positions are ignored.</param>
/// <param name="BootstrapResamples">Resamples behind every interval.</param>
/// <param name="Seed">Seed of the bootstrap and any user sample.</param>
/// <param name="MaxUsers">User sample cap, null when every evaluable user counts.</param>
/// <param name="ColdItemsAsMisses">Whether relevant cold items stay in |R_u| as misses.</param>
/// <param name="HeadItemShare">Share of items forming the popular head for the long-tail share.</param>
/// <param name="Candidates">What each user's ranking runs over.</param>
/// <param name="TieRule">How equal scores are ordered.</param>
/// <param name="Denominators">Per metric family, what it is divided by.</param>
public sealed record ReportOptions(
    [property: JsonPropertyName("ks")] IReadOnlyList<int> Ks,
    [property: JsonPropertyName("relevance")] RelevanceRule Relevance,
    [property: JsonPropertyName("relevance_text")] string RelevanceText,
    [property: JsonPropertyName("propensity_eta")] double PropensityEta,
    [property: JsonPropertyName("propensity_min")] double PropensityMin,
    [property: JsonPropertyName("position_eta")] double? PositionEta,
    [property: JsonPropertyName("bootstrap_resamples")] int BootstrapResamples,
    [property: JsonPropertyName("seed")] ulong Seed,
    [property: JsonPropertyName("max_users")] int? MaxUsers,
    [property: JsonPropertyName("cold_items_as_misses")] bool ColdItemsAsMisses,
    [property: JsonPropertyName("head_item_share")] double HeadItemShare,
    [property: JsonPropertyName("candidates")] string Candidates,
    [property: JsonPropertyName("tie_rule")] string TieRule,
    [property: JsonPropertyName("denominators")] IReadOnlyDictionary<string, string> Denominators)
{
    /// <summary>The report form of evaluation options.</summary>
    public static ReportOptions From(EvaluationOptions options) => new(
        options.Ks, options.Relevance, options.Relevance.Describe(), options.PropensityEta, options.PropensityMin,
        options.PositionEta, options.BootstrapResamples, options.Seed, options.MaxUsers, options.ColdItemsAsMisses, options.HeadItemShare,
        "all items seen in training minus the user's training items (full catalogue, no sampled negatives)",
        "higher score first; equal scores by lower item id (as in top-N)",
        new Dictionary<string, string>
        {
            [MetricNames.Precision] = "K, even when fewer than K candidates exist",
            [MetricNames.Recall] = options.ColdItemsAsMisses
                ? "|R_u|: the user's relevant test items, cold items included as misses"
                : "|R_u|: the user's relevant test items that existed in training (cold items dropped)",
            [MetricNames.HitRate] = "none: 1 if any relevant item is in the top K",
            [MetricNames.Map] = "min(K, |R_u|)",
            [MetricNames.Ndcg] = "IDCG over min(K, |R_u|) hits",
            [MetricNames.Mrr] = "rank of the first hit within K (0 when none)",
            [MetricNames.Auc] = "|R_u| x non-relevant candidates",
            ["snips"] = "sum of 1/p_i over R_u; nDCG: the weighted ideal DCG",
            ["ips"] = "|R_u|; nDCG: the unweighted IDCG",
            ["average"] = "unweighted mean over evaluated users",
        });
}
