using System.Text.Json.Serialization;

namespace SparkRecs.Core.Evaluation;

/// <summary>Everything a report says about one model.</summary>
/// <param name="Model">The model name.</param>
/// <param name="UsersEvaluated">Users the averages are over.</param>
/// <param name="LowPower">Fewer than 200 users: intervals are wide, comparisons likely inconclusive.</param>
/// <param name="Counts">How test events became per-user relevant sets (cold shares, exclusions).</param>
/// <param name="Metrics">Per metric name ("ndcg@10", "auc"): naive, SNIPS and IPS estimates.</param>
/// <param name="Weights">Inverse-propensity weight concentration (effective sample size).</param>
/// <param name="BeyondAccuracy">Coverage, exposure Gini, ARP, long-tail share and novelty per K.</param>
/// <param name="Segments">Every metric per user activity segment.</param>
/// <param name="Rating">RMSE and MAE when the model predicts ratings, else null.</param>
/// <param name="RecommendedPopularityCurve">Share of recommended slots per training-popularity bucket (most popular first).</param>
public sealed record ModelReport(
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("users_evaluated")] int UsersEvaluated,
    [property: JsonPropertyName("low_power")] bool LowPower,
    [property: JsonPropertyName("counts")] TestSetCounts Counts,
    [property: JsonPropertyName("metrics")] IReadOnlyDictionary<string, MetricReport> Metrics,
    [property: JsonPropertyName("ipw_weights")] PropensityWeightSummary Weights,
    [property: JsonPropertyName("beyond_accuracy")] IReadOnlyList<BeyondAccuracyMetrics> BeyondAccuracy,
    [property: JsonPropertyName("segments")] IReadOnlyList<SegmentEvaluation> Segments,
    [property: JsonPropertyName("rating")] RatingEvaluation? Rating,
    [property: JsonPropertyName("recommended_popularity_curve")] IReadOnlyList<double> RecommendedPopularityCurve)
{
    /// <summary>Builds the report of one evaluation.</summary>
    public static ModelReport From(ModelEvaluation evaluation, RatingEvaluation? rating = null)
    {
        var metrics = new Dictionary<string, MetricReport>(StringComparer.Ordinal);
        foreach (string column in evaluation.MetricColumns)
        {
            if (column.StartsWith(MetricNames.SnipsPrefix, StringComparison.Ordinal) || column.StartsWith(MetricNames.IpsPrefix, StringComparison.Ordinal))
            {
                continue;
            }
            evaluation.Metrics.TryGetValue(MetricNames.SnipsPrefix + column, out var snips);
            evaluation.Metrics.TryGetValue(MetricNames.IpsPrefix + column, out var ips);
            metrics[column] = new MetricReport(evaluation.Metrics[column], snips, ips);
        }
        return new ModelReport(evaluation.Model, evaluation.UserCount, evaluation.LowPower, evaluation.Counts, metrics,
            evaluation.Weights, evaluation.BeyondAccuracy, evaluation.Segments, rating, evaluation.RecommendedPopularityCurve);
    }
}
