using System.Text.Json.Serialization;

namespace SparkRecs.Core.Evaluation;

/// <summary>A paired comparison of two models on one metric over the users both evaluated.</summary>
/// <param name="Metric">The metric column compared (e.g. "ndcg@10").</param>
/// <param name="ModelA">First model.</param>
/// <param name="ModelB">Second model.</param>
/// <param name="Users">Users common to both evaluations.</param>
/// <param name="MeanA">Mean of a over the common users.</param>
/// <param name="MeanB">Mean of b over the common users.</param>
/// <param name="Difference">Mean over users of (a_u - b_u).</param>
/// <param name="CiLow">2.5% quantile of the paired bootstrap means of the difference.</param>
/// <param name="CiHigh">97.5% quantile.</param>
/// <param name="PBootstrap">Two-sided paired bootstrap p-value: (1 + #{|mean*_b - d| &gt;= |d|}) / (B + 1).</param>
/// <param name="PWilcoxon">Two-sided Wilcoxon signed-rank p-value (zero differences dropped, tie-corrected normal approximation with continuity correction).</param>
/// <param name="Verdict">From the interval: a better, b better, or inconclusive when it contains zero.</param>
/// <param name="LowPower">Fewer than 200 common users: an inconclusive verdict says little.</param>
public sealed record ComparisonResult(
    [property: JsonPropertyName("metric")] string Metric,
    [property: JsonPropertyName("model_a")] string ModelA,
    [property: JsonPropertyName("model_b")] string ModelB,
    [property: JsonPropertyName("users")] int Users,
    [property: JsonPropertyName("mean_a")] double MeanA,
    [property: JsonPropertyName("mean_b")] double MeanB,
    [property: JsonPropertyName("difference")] double Difference,
    [property: JsonPropertyName("ci_low")] double CiLow,
    [property: JsonPropertyName("ci_high")] double CiHigh,
    [property: JsonPropertyName("p_bootstrap")] double PBootstrap,
    [property: JsonPropertyName("p_wilcoxon")] double PWilcoxon,
    [property: JsonPropertyName("verdict")] ComparisonVerdict Verdict,
    [property: JsonPropertyName("low_power")] bool LowPower)
{
    /// <summary>"als better", "popularity better" or "inconclusive".</summary>
    [JsonPropertyName("verdict_text")]
    public string VerdictText => Verdict switch
    {
        ComparisonVerdict.ABetter => $"{ModelA} better",
        ComparisonVerdict.BBetter => $"{ModelB} better",
        _ => "inconclusive",
    };
}
