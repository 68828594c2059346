using SparkRecs.Core.Factorization;

namespace SparkRecs.Bench.Measurements;

/// <summary>
/// Trains ALS on a loaded workload with the implicit library's reference settings and times every
/// iteration: the measurement behind <c>als</c> and the ALS rows of <c>targets</c>.
/// </summary>
/// <remarks>
/// Implicit: raw counts as confidence (<c>c = 1 + alpha * count</c>, alpha 1), regularization 0.01
/// not scaled by count. Explicit: the same file's values as ratings (squared error, regularization
/// scaled by each row's count as ALS-WR). Both float32, three conjugate-gradient steps, loss not
/// computed, so an iteration is only the user sweep plus the item sweep.
/// </remarks>
internal static class AlsMeasurement
{
    /// <summary>implicit 0.7.3, CPU, float32, 2 threads, on the synthetic 20M workload: seconds per iteration.</summary>
    public static readonly IReadOnlyDictionary<(string Solver, int Rank), double> Reference = new Dictionary<(string, int), double>
    {
        [("cg", 64)] = 5.5,
        [("cg", 128)] = 7.5,
        [("cholesky", 64)] = 12.3,
        [("cholesky", 128)] = 33.0,
    };

    /// <summary>
    /// Trains <paramref name="iterations"/> iterations with <paramref name="solver"/> (<c>cg</c> or
    /// <c>cholesky</c>) at <paramref name="rank"/>. With <paramref name="liveHeapBaseline"/> set
    /// (the managed heap's live bytes before the workload was loaded), it also measures the live
    /// managed bytes at the end of every iteration after a full collection, outside the timed sweeps,
    /// and reports the largest beyond the baseline.
    /// </summary>
    public static AlsResult Run(Workload workload, string solver, int rank, int iterations, int threads, bool isExplicit, long? liveHeapBaseline = null)
    {
        var options = new AlsOptions
        {
            Rank = rank,
            Iterations = iterations,
            RegParam = 0.01f,
            Alpha = 1f,
            Implicit = !isExplicit,
            Solver = solver == "cg" ? AlsSolver.ConjugateGradient : AlsSolver.Cholesky,
            CgSteps = 3,
            Threads = threads,
            ComputeLoss = false,
            ScaleRegularizationByCount = isExplicit,
        };
        var total = new Timings();
        var userSweep = new Timings();
        var itemSweep = new Timings();
        var processor = new Timings();
        long liveBytes = 0;
        double processorMark = MachineInfo.ProcessorSeconds();
        var model = AlsTrainer.Fit(workload.UserItem, workload.ItemUser, options, report =>
        {
            total.Add((report.UserSweep + report.ItemSweep).TotalSeconds);
            userSweep.Add(report.UserSweep.TotalSeconds);
            itemSweep.Add(report.ItemSweep.TotalSeconds);
            processor.Add(MachineInfo.ProcessorSeconds() - processorMark);
            if (liveHeapBaseline is not null)
            {
                liveBytes = Math.Max(liveBytes, GC.GetTotalMemory(forceFullCollection: true));
            }
            processorMark = MachineInfo.ProcessorSeconds();
        });

        long factorBytes = 4L * (model.UserFactors.Data.Length + model.ItemFactors.Data.Length);
        long? beyondFactors = liveHeapBaseline is { } baseline ? liveBytes - baseline - factorBytes : null;
        return new AlsResult(solver, rank, isExplicit, total, userSweep, itemSweep, processor,
            MachineInfo.PeakMemoryMiB(), workload.MatrixBytes + factorBytes, factorBytes, beyondFactors, workload.UserItem.NonZeros);
    }
}
