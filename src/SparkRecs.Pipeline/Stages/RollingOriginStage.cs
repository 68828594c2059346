using System.Globalization;
using SparkRecs.Core.Baselines;
using SparkRecs.Core.Data;
using SparkRecs.Core.Evaluation;
using SparkRecs.Core.Factorization;
using SparkRecs.Pipeline.Config;
using SparkRecs.Pipeline.Progress;

namespace SparkRecs.Pipeline.Stages;

/// <summary>
/// Rolling-origin evaluation: the global protocol repeated at several cutoffs, each with its own
/// training window and freshly trained models, so the report shows how much the headline number
/// moves with the choice of cutoff (mean and spread per model).
/// </summary>
public static class RollingOriginStage
{
    /// <summary>Evaluates ALS (with <paramref name="als"/>) and popularity at each origin; summaries of the gate's metric.</summary>
    public static IReadOnlyList<RollingOriginSummary> Evaluate(
        InteractionTable events, JobConfig config, AlsOptions als, bool binary, ProgressReporter progress, CancellationToken ct)
    {
        var split = config.Split;
        int n = split.RollingOrigins;
        progress.BeginStage("rolling");
        var cutoffs = new long[n];
        for (int i = 0; i < n; i++)
        {
            double q = n == 1 ? split.CutoffQuantile : split.RollingFromQuantile + (split.CutoffQuantile - split.RollingFromQuantile) * i / (n - 1);
            cutoffs[i] = TemporalSplit.CutoffAtQuantile(events, q);
        }
        var splits = TemporalSplit.RollingOrigins(events, cutoffs, split.HorizonMs);
        var options = config.Evaluation.ToOptions(als.Threads, config.Run.Seed) with { BootstrapResamples = Math.Min(200, config.Evaluation.BootstrapResamples) };
        var alsEvaluations = new List<ModelEvaluation>();
        var popularityEvaluations = new List<ModelEvaluation>();
        string metric = config.Gate.PrimaryMetric;
        foreach (var origin in splits)
        {
            ct.ThrowIfCancellationRequested();
            var matrix = InteractionMatrix.Build(origin.Train, !als.Implicit, binary);
            var model = AlsTrainer.Fit(matrix.UserItem, als with { ComputeLoss = false }, null, ct);
            var alsEvaluation = RankingEvaluator.Evaluate(model, matrix.UserItem, origin.Test, options);
            var popularity = RankingEvaluator.Evaluate(PopularityModel.Fit(matrix.UserItem), matrix.UserItem, origin.Test, options);
            alsEvaluations.Add(alsEvaluation);
            popularityEvaluations.Add(popularity);
            progress.Line(string.Create(CultureInfo.InvariantCulture,
                $"origin {alsEvaluations.Count}/{n} at {origin.Description.CutoffIso}: {metric} als {alsEvaluation.Metrics[metric].Value:0.0000}, popularity {popularity.Metrics[metric].Value:0.0000}, {alsEvaluation.UserCount} users"));
        }
        var summaries = new[] { RollingOriginSummary.Summarize(alsEvaluations, metric), RollingOriginSummary.Summarize(popularityEvaluations, metric) };
        progress.EndStage(string.Join("; ", summaries.Select(s => string.Create(CultureInfo.InvariantCulture,
            $"{s.Model} {metric} mean {s.Mean:0.0000} sd {s.StandardDeviation:0.0000} [{s.Min:0.0000}, {s.Max:0.0000}]"))));
        return summaries;
    }
}
