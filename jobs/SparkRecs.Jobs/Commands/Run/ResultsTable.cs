using System.Globalization;
using SparkRecs.Core.Evaluation;
using SparkRecs.Pipeline;
using SparkRecs.Pipeline.Config;

namespace SparkRecs.Jobs.Commands.Run;

/// <summary>Prints the short results table at the end of a run: each model's headline metrics with 95% intervals.</summary>
internal static class ResultsTable
{
    public static void Print(TextWriter output, JobResult result, JobConfig config)
    {
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine();
        output.WriteLine($"run {result.RunId} ({config.Run.Model}): {result.Folder}");
        if (result.Evaluation is { } evaluation)
        {
            var report = evaluation.Report;
            int k = config.Evaluation.EffectiveKs.Contains(10) ? 10 : config.Evaluation.EffectiveKs[0];
            string ndcg = MetricNames.AtK(MetricNames.Ndcg, k);
            string recall = MetricNames.AtK(MetricNames.Recall, k);
            (string Label, string Metric, bool Snips)[] metrics = [(ndcg, ndcg, false), (recall, recall, false), ("snips:" + ndcg, ndcg, true), ("snips:" + recall, recall, true)];
            output.WriteLine(report.Split.Label);
            output.Write($"{"model",-12}{"users",8}");
            foreach (var m in metrics)
            {
                output.Write($"  {m.Label,-26}");
            }
            output.WriteLine();
            foreach (var model in report.Models)
            {
                output.Write($"{model.Model,-12}{model.UsersEvaluated,8}");
                foreach (var m in metrics)
                {
                    var estimate = model.Metrics.TryGetValue(m.Metric, out var v) ? (m.Snips ? v.Snips : v.Naive) : null;
                    string cell = estimate is null
                        ? "-"
                        : string.Format(inv, "{0:0.0000} [{1:0.0000}, {2:0.0000}]", estimate.Value, estimate.CiLow ?? double.NaN, estimate.CiHigh ?? double.NaN);
                    output.Write($"  {cell,-26}");
                }
                output.WriteLine();
            }
            foreach (var c in report.Comparisons)
            {
                output.WriteLine(string.Format(inv, "{0} - {1} on {2}: {3:+0.0000;-0.0000} [{4:+0.0000;-0.0000}, {5:+0.0000;-0.0000}], p = {6:0.000}, {7} users: {8}{9}",
                    c.ModelA, c.ModelB, c.Metric, c.Difference, c.CiLow, c.CiHigh, c.PBootstrap, c.Users, c.VerdictText, c.LowPower ? " (low power)" : ""));
            }
            if (evaluation.Gate is { } gate)
            {
                output.WriteLine($"gate: {(gate.Publish ? "passed" : "REFUSED")}");
            }
            output.WriteLine($"report: {Path.Combine(result.Folder, "report.html")}");
        }
        output.WriteLine("timings: " + string.Join(", ", result.Timings.Select(t => string.Format(inv, "{0} {1:0.0}s", t.Key, t.Value))));
    }
}
