using System.Text.Json.Serialization;

namespace SparkRecs.Core.Evaluation;

/// <summary>
/// One metric of one model across rolling origins (the same protocol at several cutoffs): the value
/// at each origin, their mean and spread, so a reader sees how much a number moves with the cutoff.
/// </summary>
/// <param name="Model">The model name.</param>
/// <param name="Metric">The metric column.</param>
/// <param name="Values">The mean over users at each origin, in cutoff order.</param>
/// <param name="Users">Users evaluated at each origin.</param>
/// <param name="Mean">Mean of <paramref name="Values"/>.</param>
/// <param name="StandardDeviation">Sample standard deviation of <paramref name="Values"/> (0 for one origin).</param>
/// <param name="Min">Smallest value.</param>
/// <param name="Max">Largest value.</param>
public sealed record RollingOriginSummary(
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("metric")] string Metric,
    [property: JsonPropertyName("values")] IReadOnlyList<double> Values,
    [property: JsonPropertyName("users")] IReadOnlyList<int> Users,
    [property: JsonPropertyName("mean")] double Mean,
    [property: JsonPropertyName("sd")] double StandardDeviation,
    [property: JsonPropertyName("min")] double Min,
    [property: JsonPropertyName("max")] double Max)
{
    /// <summary>Summarises one model's evaluations at successive origins.</summary>
    /// <exception cref="ArgumentException">No evaluation, evaluations of different models, or a missing metric.</exception>
    public static RollingOriginSummary Summarize(IReadOnlyList<ModelEvaluation> perOrigin, string metric)
    {
        if (perOrigin.Count == 0)
        {
            throw new ArgumentException("Give the evaluation at each origin (at least one).", nameof(perOrigin));
        }
        string model = perOrigin[0].Model;
        if (perOrigin.Any(e => e.Model != model))
        {
            throw new ArgumentException($"Rolling-origin evaluations must be of one model; got {string.Join(", ", perOrigin.Select(e => e.Model).Distinct())}.", nameof(perOrigin));
        }
        var values = perOrigin.Select(e => e.Metrics.TryGetValue(metric, out var m) ? m.Value
            : throw new ArgumentException($"No metric '{metric}' in the evaluation of '{model}'.", nameof(metric))).ToArray();
        double mean = values.Average();
        double sd = values.Length < 2 ? 0 : Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
        return new RollingOriginSummary(model, metric, values, perOrigin.Select(e => e.UserCount).ToArray(), mean, sd, values.Min(), values.Max());
    }
}
