using System.Text.Json.Serialization;
using SparkRecs.Core.Factorization;

namespace SparkRecs.Core.Evaluation.Tuning;

/// <summary>
/// The outcome of a search: every trial ranked best first, and the winner's options to retrain on
/// all data before the test cutoff.
/// </summary>
/// <param name="Search">Grid or random.</param>
/// <param name="Seed">The random search seed (null for a grid).</param>
/// <param name="SelectionMetric">The ranking metric.</param>
/// <param name="Validation">The validation split the trials were measured on.</param>
/// <param name="Trials">Every trial, by selection metric descending; equal values keep trial order.</param>
public sealed record TuningResult(
    [property: JsonPropertyName("search")] SearchKind Search,
    [property: JsonPropertyName("seed")] ulong? Seed,
    [property: JsonPropertyName("selection_metric")] string SelectionMetric,
    [property: JsonPropertyName("validation")] SplitDescription Validation,
    [property: JsonPropertyName("trials")] IReadOnlyList<AlsTrial> Trials)
{
    /// <summary>The best trial.</summary>
    [JsonIgnore]
    public AlsTrial Best => Trials[0];

    /// <summary>The best trial's options: train these on all data before T and evaluate once on the test window.</summary>
    [JsonIgnore]
    public AlsOptions BestOptions => Trials[0].Options;

    /// <summary>Validation users behind every trial's number (the same users for all trials).</summary>
    [JsonPropertyName("validation_users")]
    public int ValidationUsers => Trials[0].Users;

    /// <summary>
    /// True when the validation window has fewer users than the evaluation's power threshold (200):
    /// neighbouring trials then differ by less than their intervals, and the ranking among the top
    /// few is mostly noise.
    /// </summary>
    [JsonPropertyName("low_power")]
    public bool LowPower { get; init; }
}
