using System.Text.Json.Serialization;

namespace SparkRecs.Core.Evaluation;

/// <summary>Every metric over the users of one activity segment.</summary>
/// <param name="Name">"Q1 (least active)" .. "Q4 (most active)" for quartiles.</param>
/// <param name="MinActivity">Fewest training items of a user in the segment.</param>
/// <param name="MaxActivity">Most training items of a user in the segment.</param>
/// <param name="Users">Users in the segment.</param>
/// <param name="Metrics">Mean of every per-user metric column (naive, snips:, ips:).</param>
/// <param name="BeyondAccuracy">Beyond-accuracy metrics of the segment's lists, per K.</param>
public sealed record SegmentEvaluation(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("min_activity")] int MinActivity,
    [property: JsonPropertyName("max_activity")] int MaxActivity,
    [property: JsonPropertyName("users")] int Users,
    [property: JsonPropertyName("metrics")] IReadOnlyDictionary<string, double> Metrics,
    [property: JsonPropertyName("beyond_accuracy")] IReadOnlyList<BeyondAccuracyMetrics> BeyondAccuracy);
