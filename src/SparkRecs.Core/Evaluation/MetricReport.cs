using System.Text.Json.Serialization;

namespace SparkRecs.Core.Evaluation;

/// <summary>One metric of one model in a report: the naive number and, where defined, its inverse-propensity variants side by side.</summary>
/// <param name="Naive">Unweighted mean over users with its 95% interval.</param>
/// <param name="Snips">Self-normalised IPW mean with its interval (recall, nDCG, AUC only).</param>
/// <param name="Ips">Plain IPW mean with its interval (recall, nDCG, AUC only).</param>
public sealed record MetricReport(
    [property: JsonPropertyName("naive")] MetricEstimate Naive,
    [property: JsonPropertyName("snips")] MetricEstimate? Snips,
    [property: JsonPropertyName("ips")] MetricEstimate? Ips);
