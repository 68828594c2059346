using System.Text.Json.Serialization;

namespace SparkRecs.Core.Evaluation;

/// <summary>A metric's mean over users with its 95% bootstrap percentile interval (null when not bootstrapped).</summary>
/// <param name="Value">Unweighted mean over users.</param>
/// <param name="CiLow">Lower end of the interval.</param>
/// <param name="CiHigh">Upper end of the interval.</param>
public sealed record MetricEstimate(
    [property: JsonPropertyName("value")] double Value,
    [property: JsonPropertyName("ci_low")] double? CiLow,
    [property: JsonPropertyName("ci_high")] double? CiHigh);
