using System.Globalization;
using SparkRecs.Core.Factorization;
using SparkRecs.Pipeline.Progress;

namespace SparkRecs.Pipeline.Stages;

/// <summary>Trains ALS on a matrix, reporting each iteration's loss, time and the ETA of the rest.</summary>
public static class TrainStage
{
    /// <summary>Fits ALS with <paramref name="options"/>; <paramref name="label"/> names the fit in progress lines.</summary>
    public static AlsModel Train(InteractionMatrix matrix, AlsOptions options, ProgressReporter progress, string label, CancellationToken ct)
    {
        progress.BeginStage("train");
        progress.Line(string.Create(CultureInfo.InvariantCulture,
            $"{label}: {(options.Implicit ? "implicit" : "explicit")} ALS, rank {options.Rank}, {options.Iterations} iterations, {options.Solver} solver, reg {options.RegParam}{(options.Implicit ? $", alpha {options.Alpha}" : "")}, " +
            $"{matrix.UserItem.Rows:N0} users x {matrix.UserItem.Columns:N0} items, {matrix.UserItem.NonZeros:N0} non-zeros ({matrix.MemoryBytes / 1048576.0:0.0} MiB CSR)"));
        var model = AlsTrainer.Fit(matrix.UserItem, options, report =>
        {
            double perIteration = report.Elapsed.TotalSeconds / report.Iteration;
            var eta = TimeSpan.FromSeconds(perIteration * (options.Iterations - report.Iteration));
            string loss = double.IsNaN(report.Loss) ? "" : string.Create(CultureInfo.InvariantCulture, $" loss {report.Loss:G6}");
            progress.Line(string.Create(CultureInfo.InvariantCulture,
                $"iteration {report.Iteration}/{options.Iterations}{loss} users {ProgressReporter.Duration(report.UserSweep)} items {ProgressReporter.Duration(report.ItemSweep)} elapsed {ProgressReporter.Duration(report.Elapsed)} ETA {ProgressReporter.Duration(eta)}"));
        }, ct);
        if (model.WorkingSet is { } memory)
        {
            progress.Line(string.Create(CultureInfo.InvariantCulture,
                $"training memory {memory.BytesPerNonZero:0.0} bytes per non-zero beyond the factors: CSR {memory.UserItemBytes / 1048576.0:0.0} MiB, " +
                $"compact item x user {memory.ItemUserBytes / 1048576.0:0.0} MiB, per-row {memory.PerRowBytes / 1048576.0:0.0} MiB; scratch {memory.ScratchBytes / 1048576.0:0.0} MiB, factors {memory.FactorBytes / 1048576.0:0.0} MiB"));
        }
        progress.EndStage(string.Create(CultureInfo.InvariantCulture, $"{label} trained"));
        return model;
    }
}
