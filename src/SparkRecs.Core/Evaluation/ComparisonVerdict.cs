using System.Text.Json.Serialization;

namespace SparkRecs.Core.Evaluation;

/// <summary>The outcome of a paired comparison, read off the 95% interval of the difference a - b.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ComparisonVerdict>))]
public enum ComparisonVerdict
{
    /// <summary>The interval contains zero: the data cannot tell the models apart.</summary>
    [JsonStringEnumMemberName("inconclusive")]
    Inconclusive,

    /// <summary>The whole interval is above zero.</summary>
    [JsonStringEnumMemberName("a_better")]
    ABetter,

    /// <summary>The whole interval is below zero.</summary>
    [JsonStringEnumMemberName("b_better")]
    BBetter,
}
