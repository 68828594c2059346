using System.Text.Json.Serialization;

namespace SparkRecs.Core.Evaluation.Tuning;

/// <summary>How <see cref="AlsTuner"/> chooses the points of an <see cref="AlsSearchSpace"/> to try.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SearchKind>))]
public enum SearchKind
{
    /// <summary>Every combination of the space's lists.</summary>
    [JsonStringEnumMemberName("grid")]
    Grid,

    /// <summary>A seeded sample of <see cref="AlsTuningOptions.RandomTrials"/> distinct points, log-uniform over the ranges.</summary>
    [JsonStringEnumMemberName("random")]
    Random,
}
