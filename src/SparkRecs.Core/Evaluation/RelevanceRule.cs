using System.Text.Json.Serialization;

namespace SparkRecs.Core.Evaluation;

/// <summary>
/// Which test events count as relevant. Explicit ratings: value &gt;= threshold (default 4 on a 1-5
/// scale). Implicit events: every (deduplicated) event, or only those whose weight reaches an
/// optional threshold.
/// </summary>
/// <param name="Explicit">True for ratings, false for implicit events.</param>
/// <param name="Threshold">Minimum value; null (implicit only) means any event is relevant.</param>
public sealed record RelevanceRule(
    [property: JsonPropertyName("explicit")] bool Explicit,
    [property: JsonPropertyName("threshold")] float? Threshold)
{
    /// <summary>Ratings at or above <paramref name="threshold"/> are relevant.</summary>
    public static RelevanceRule Ratings(float threshold = 4f) => new(true, threshold);

    /// <summary>Any implicit event is relevant, or only those with weight &gt;= <paramref name="minWeight"/>.</summary>
    public static RelevanceRule Events(float? minWeight = null) => new(false, minWeight);

    /// <summary>Whether a test event with this value is relevant.</summary>
    public bool IsRelevant(float value) => Threshold is not float t || value >= t;

    /// <summary>A phrase for reports ("rating >= 4", "any event").</summary>
    public string Describe()
        => Explicit ? $"rating >= {Threshold?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "any"}"
            : Threshold is float t ? $"implicit event with weight >= {t.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : "any implicit event";
}
