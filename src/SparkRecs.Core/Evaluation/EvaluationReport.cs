using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SparkRecs.Core.Evaluation;

/// <summary>
/// The complete, serializable result of one evaluation run: the split, the settings, the data
/// counts, every model's metrics with intervals (naive and IPW side by side), segments, paired
/// comparisons and the gate decision. Keys are stable snake_case names (see each record).
/// </summary>
/// <param name="Split">The split protocol.</param>
/// <param name="Data">Rows, users and cold shares of the split; null when the caller had no split object.</param>
/// <param name="Options">Settings and metric denominators.</param>
/// <param name="Models">One entry per evaluated model.</param>
/// <param name="TrainingPopularityCurve">Share of training interactions per popularity bucket (most popular first), the reference for each model's recommended curve.</param>
/// <param name="Comparisons">Paired comparisons between models.</param>
/// <param name="Gate">The quality gate decision, null when no gate ran.</param>
/// <param name="RollingOrigins">Mean and spread of metrics over rolling origins, when several cutoffs were evaluated.</param>
public sealed record EvaluationReport(
    [property: JsonPropertyName("split")] SplitDescription Split,
    [property: JsonPropertyName("data")] SplitCounts? Data,
    [property: JsonPropertyName("options")] ReportOptions Options,
    [property: JsonPropertyName("models")] IReadOnlyList<ModelReport> Models,
    [property: JsonPropertyName("training_popularity_curve")] IReadOnlyList<double> TrainingPopularityCurve,
    [property: JsonPropertyName("comparisons")] IReadOnlyList<ComparisonResult> Comparisons,
    [property: JsonPropertyName("gate")] GateDecision? Gate,
    [property: JsonPropertyName("rolling_origins")] IReadOnlyList<RollingOriginSummary>? RollingOrigins = null)
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        // The file is data, not HTML: keep "rating >= 4" and "user's" readable instead of \u-escaped.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Assembles a report from evaluations of several models on one split.</summary>
    /// <param name="split">The split's description.</param>
    /// <param name="data">The split's counts, when available.</param>
    /// <param name="evaluations">The models' evaluations, all with the same options.</param>
    /// <param name="comparisons">Paired comparisons to show.</param>
    /// <param name="gate">The gate decision, if a gate ran.</param>
    /// <param name="ratings">Rating accuracy per model name, for explicit models.</param>
    /// <param name="rollingOrigins">Rolling-origin summaries, when several cutoffs were evaluated.</param>
    /// <exception cref="ArgumentException">No evaluation given.</exception>
    public static EvaluationReport Create(
        SplitDescription split, SplitCounts? data, IReadOnlyList<ModelEvaluation> evaluations,
        IReadOnlyList<ComparisonResult>? comparisons = null, GateDecision? gate = null,
        IReadOnlyDictionary<string, RatingEvaluation>? ratings = null, IReadOnlyList<RollingOriginSummary>? rollingOrigins = null)
    {
        if (evaluations.Count == 0)
        {
            throw new ArgumentException("A report needs at least one model evaluation.", nameof(evaluations));
        }
        var models = evaluations
            .Select(e => ModelReport.From(e, ratings is not null && ratings.TryGetValue(e.Model, out var r) ? r : null))
            .ToList();
        return new EvaluationReport(split, data, ReportOptions.From(evaluations[0].Options), models,
            evaluations[0].TrainingPopularityCurve, comparisons ?? gate?.Comparisons ?? [], gate, rollingOrigins);
    }

    /// <summary>The report as indented JSON with the documented keys.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Reads a report written by <see cref="ToJson"/>.</summary>
    /// <exception cref="JsonException">The text is not a report.</exception>
    public static EvaluationReport FromJson(string json)
        => JsonSerializer.Deserialize<EvaluationReport>(json, JsonOptions)
            ?? throw new JsonException("The JSON text is 'null', not an evaluation report.");
}
