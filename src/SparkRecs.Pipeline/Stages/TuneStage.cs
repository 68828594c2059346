using System.Globalization;
using SparkRecs.Core.Data;
using SparkRecs.Core.Evaluation;
using SparkRecs.Core.Evaluation.Tuning;
using SparkRecs.Core.Factorization;
using SparkRecs.Pipeline.Config;
using SparkRecs.Pipeline.Progress;

namespace SparkRecs.Pipeline.Stages;

/// <summary>
/// Chooses ALS parameters on the validation cutoff: for a global split T_v = T - horizon (train
/// t &lt; T_v, validate T_v &lt;= t &lt; T); for a per-user split, the same per-user split of the
/// training part. The test window is never looked at.
/// </summary>
public static class TuneStage
{
    /// <summary>Runs the search and returns its result; <c>BestOptions</c> carry the thread count of <paramref name="als"/>.</summary>
    public static TuningResult Tune(
        InteractionTable events, EvaluationSplit split, JobConfig config, AlsOptions als, bool binary,
        ProgressReporter progress, CancellationToken ct)
    {
        progress.BeginStage("tune");
        var tuning = config.Tuning;
        EvaluationSplit validation;
        if (split.Description.CutoffMs is long cutoff)
        {
            long horizon = tuning.HorizonDays > 0
                ? (long)(tuning.HorizonDays * 86_400_000)
                : split.Description.HorizonMs ?? Math.Max(1, TensorMax(events.Timestamps) + 1 - cutoff);
            validation = TemporalSplit.ValidationSplit(events, cutoff, horizon);
        }
        else
        {
            validation = TemporalSplit.PerUserLastFraction(split.Train, config.Split.TestFraction);
        }
        var options = new AlsTuningOptions
        {
            Search = tuning.Search == "random" ? SearchKind.Random : SearchKind.Grid,
            RandomTrials = tuning.RandomTrials,
            Seed = unchecked((ulong)config.Run.Seed),
            SelectionMetric = tuning.SelectionMetric,
            BaseOptions = als with { ComputeLoss = false },
            Evaluation = config.Evaluation.ToOptions(als.Threads, config.Run.Seed),
            BuildMatrix = table => InteractionMatrix.Build(table, !als.Implicit, binary).UserItem,
        };
        var space = tuning.ToSpace(als);
        progress.Line($"{validation.Description.Label}; {(options.Search == SearchKind.Grid ? space.GridSize + " grid points" : options.RandomTrials + " random trials")}, selected by {options.SelectionMetric}");
        var result = AlsTuner.Tune(validation, space, options, p =>
        {
            progress.Line(string.Create(CultureInfo.InvariantCulture,
                $"trial {p.Completed}/{p.Total}: rank {p.Trial.Rank} reg {p.Trial.RegParam} alpha {p.Trial.Alpha} iterations {p.Trial.Iterations} -> {options.SelectionMetric} {p.Trial.Value.Value:0.0000} (best {p.Best.Value.Value:0.0000})"));
        }, ct);
        var best = result.Best;
        progress.EndStage(string.Create(CultureInfo.InvariantCulture,
            $"chose rank {best.Rank}, reg {best.RegParam}, alpha {best.Alpha}, iterations {best.Iterations}: validation {options.SelectionMetric} {best.Value.Value:0.0000} [{best.Value.CiLow:0.0000}, {best.Value.CiHigh:0.0000}] over {result.ValidationUsers} users{(result.LowPower ? " (low power)" : "")}"));
        return result;
    }

    private static long TensorMax(ReadOnlySpan<long> values) => System.Numerics.Tensors.TensorPrimitives.Max(values);
}
