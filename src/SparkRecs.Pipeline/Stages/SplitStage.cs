using System.Globalization;
using SparkRecs.Core.Data;
using SparkRecs.Core.Evaluation;
using SparkRecs.Pipeline.Config;
using SparkRecs.Pipeline.Progress;

namespace SparkRecs.Pipeline.Stages;

/// <summary>Splits the events into training and test windows as configured in <c>split</c>.</summary>
public static class SplitStage
{
    /// <summary>Builds the split and reports its counts, including cold users and items.</summary>
    public static EvaluationSplit Split(InteractionTable events, SplitSettings settings, ProgressReporter progress)
    {
        progress.BeginStage("split");
        EvaluationSplit split = settings.Kind switch
        {
            "per-user-last" => TemporalSplit.PerUserLastFraction(events, settings.TestFraction),
            "per-user-last-n" => TemporalSplit.PerUserLastN(events, settings.TestCount),
            _ => TemporalSplit.Global(events, settings.CutoffMs ?? TemporalSplit.CutoffAtQuantile(events, settings.CutoffQuantile), settings.HorizonMs),
        };
        var c = split.Counts;
        progress.EndStage(string.Create(CultureInfo.InvariantCulture,
            $"{split.Description.Label}: train {c.TrainRows:N0} events ({c.TrainUsers:N0} users, {c.TrainItems:N0} items), test {c.TestRows:N0} events; " +
            $"cold users {c.ColdUsers:N0} ({c.ColdUserTestRows:N0} test events), cold-item share {c.ColdItemShare:P1}, after horizon {c.OutsideWindowRows:N0}"));
        return split;
    }
}
