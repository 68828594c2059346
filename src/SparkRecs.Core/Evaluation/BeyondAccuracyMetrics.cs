using System.Text.Json.Serialization;

namespace SparkRecs.Core.Evaluation;

/// <summary>
/// What the top-K lists do to the catalogue, beyond hitting test items. n_i is the training count
/// (training users) of item i.
/// </summary>
/// <param name="K">The cutoff the lists were truncated to.</param>
/// <param name="Coverage">|union of L_u| / |items in training|.</param>
/// <param name="ExposureGini">
/// Gini coefficient of recommendation slots over all training items (items never recommended count
/// with 0): 0 when every item is shown equally often, approaching 1 when a few items take every slot.
/// With exposures sorted ascending x_1..x_n: G = 2 * sum_j j x_j / (n * sum x) - (n + 1) / n.
/// </param>
/// <param name="AverageRecommendedPopularity">ARP: mean over users of the mean n_i of L_u.</param>
/// <param name="LongTailShare">Share of recommended slots filled by items outside the most popular head share (20%) of training items.</param>
/// <param name="Novelty">Mean over recommended slots of -log2(n_i / |training users|).</param>
public sealed record BeyondAccuracyMetrics(
    [property: JsonPropertyName("k")] int K,
    [property: JsonPropertyName("coverage")] double Coverage,
    [property: JsonPropertyName("exposure_gini")] double ExposureGini,
    [property: JsonPropertyName("arp")] double AverageRecommendedPopularity,
    [property: JsonPropertyName("long_tail_share")] double LongTailShare,
    [property: JsonPropertyName("novelty")] double Novelty);
