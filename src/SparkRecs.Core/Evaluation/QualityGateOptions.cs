using System.Text.Json.Serialization;

namespace SparkRecs.Core.Evaluation;

/// <summary>When a candidate model may be published. Every threshold is an absolute difference of the primary metric.</summary>
public sealed record QualityGateOptions
{
    /// <summary>The metric the gate decides on, a column of <see cref="MetricNames.Columns"/>. Default "ndcg@10".</summary>
    [JsonPropertyName("primary_metric")]
    public string PrimaryMetric { get; init; } = "ndcg@10";

    /// <summary>The candidate must beat the popularity baseline by more than this (default 0: strictly better).</summary>
    [JsonPropertyName("min_lift_over_popularity")]
    public double MinLiftOverPopularity { get; init; }

    /// <summary>The candidate may trail the live model by at most this much (default 0.01).</summary>
    [JsonPropertyName("max_drop_vs_live")]
    public double MaxDropVsLive { get; init; } = 0.01;

    /// <summary>
    /// When true, the lift over popularity must be significant: the lower end of the 95% paired
    /// interval must exceed <see cref="MinLiftOverPopularity"/>, not just the mean. The live-model
    /// check always uses the mean difference, so noise alone cannot block a refresh.
    /// </summary>
    [JsonPropertyName("require_significance")]
    public bool RequireSignificance { get; init; }

    /// <summary>When true (default), a missing popularity evaluation rejects the candidate instead of skipping the check.</summary>
    [JsonPropertyName("require_popularity_baseline")]
    public bool RequirePopularityBaseline { get; init; } = true;
}
