using System.Text.Json.Serialization;
using SparkRecs.Core.Factorization;

namespace SparkRecs.Core.Evaluation.Tuning;

/// <summary>One tried point of the search: its ALS options and how the model trained with them did on the validation window.</summary>
/// <param name="Trial">0-based position in the order the points were tried.</param>
/// <param name="Options">The full ALS options trained (search-space values over the base options).</param>
/// <param name="SelectionMetric">The metric trials are ranked by.</param>
/// <param name="Value">Its mean over validation users with the 95% bootstrap interval.</param>
/// <param name="Users">Validation users evaluated (the interval's sample size).</param>
/// <param name="TrainSeconds">Wall time of ALS training.</param>
/// <param name="EvaluateSeconds">Wall time of the validation evaluation.</param>
/// <param name="Metrics">Every metric of the validation evaluation (naive and weighted), for reports.</param>
public sealed record AlsTrial(
    [property: JsonPropertyName("trial")] int Trial,
    [property: JsonIgnore] AlsOptions Options,
    [property: JsonPropertyName("selection_metric")] string SelectionMetric,
    [property: JsonPropertyName("value")] MetricEstimate Value,
    [property: JsonPropertyName("users")] int Users,
    [property: JsonPropertyName("train_seconds")] double TrainSeconds,
    [property: JsonPropertyName("evaluate_seconds")] double EvaluateSeconds,
    [property: JsonPropertyName("metrics")] IReadOnlyDictionary<string, MetricEstimate> Metrics)
{
    /// <summary>Number of latent factors.</summary>
    [JsonPropertyName("rank")]
    public int Rank => Options.Rank;

    /// <summary>Regularization strength.</summary>
    [JsonPropertyName("reg_param")]
    public float RegParam => Options.RegParam;

    /// <summary>Implicit confidence slope.</summary>
    [JsonPropertyName("alpha")]
    public float Alpha => Options.Alpha;

    /// <summary>Iterations trained.</summary>
    [JsonPropertyName("iterations")]
    public int Iterations => Options.Iterations;

    /// <summary>Row solver.</summary>
    [JsonPropertyName("solver")]
    public string Solver => Options.Solver.ToString();

    /// <summary>Whether regularization was scaled by row counts (the resolved value).</summary>
    [JsonPropertyName("scale_regularization_by_count")]
    public bool ScaleRegularizationByCount => Options.EffectiveScaleRegularizationByCount;

    /// <summary>"rank 32, reg 10, alpha 1, 15 it, Cholesky" for logs.</summary>
    public string Describe()
        => string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"rank {Rank}, reg {RegParam:G6}, alpha {Alpha:G6}, {Iterations} it, {Solver}{(ScaleRegularizationByCount ? ", reg scaled by count" : "")}");
}
