using System.Text.Json.Serialization;

namespace SparkRecs.Core.Evaluation;

/// <summary>Rating-prediction accuracy on the test pairs the model knows.</summary>
/// <param name="Rmse">sqrt(mean (r - r_hat)^2) over the pairs used; null when none.</param>
/// <param name="Mae">mean |r - r_hat| over the pairs used; null when none.</param>
/// <param name="PairsUsed">Test events whose user and item are both known to the model.</param>
/// <param name="PairsSkipped">Test events with a cold user or a cold item (unknown to the model).</param>
public sealed record RatingEvaluation(
    [property: JsonPropertyName("rmse")] double? Rmse,
    [property: JsonPropertyName("mae")] double? Mae,
    [property: JsonPropertyName("pairs_used")] int PairsUsed,
    [property: JsonPropertyName("pairs_skipped")] int PairsSkipped);
