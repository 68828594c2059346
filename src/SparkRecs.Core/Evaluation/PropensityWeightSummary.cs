using System.Text.Json.Serialization;

namespace SparkRecs.Core.Evaluation;

/// <summary>
/// How much the inverse-propensity weights w_i = 1 / p_i concentrate, pooled over every relevant
/// (user, item) pair: a small effective sample size means a few heavy weights dominate the IPW numbers.
/// </summary>
/// <param name="Pairs">Relevant (user, item) pairs weighted.</param>
/// <param name="EffectiveSampleSize">(sum w)^2 / sum w^2; equals Pairs when all weights are equal.</param>
/// <param name="EffectiveShare">EffectiveSampleSize / Pairs.</param>
/// <param name="MaxWeight">The largest weight (at most 1 / p_min).</param>
public sealed record PropensityWeightSummary(
    [property: JsonPropertyName("pairs")] int Pairs,
    [property: JsonPropertyName("ess")] double EffectiveSampleSize,
    [property: JsonPropertyName("ess_share")] double EffectiveShare,
    [property: JsonPropertyName("max_weight")] double MaxWeight)
{
    internal static PropensityWeightSummary From(int pairs, double sum, double sumSquares, double max)
    {
        double ess = sumSquares == 0 ? 0 : sum * sum / sumSquares;
        return new PropensityWeightSummary(pairs, ess, pairs == 0 ? 0 : ess / pairs, max);
    }
}
