using SparkRecs.Core.Factorization;
using SparkRecs.Core.Sparse;

namespace SparkRecs.Bench.Measurements;

/// <summary>
/// Trains ALS on a loaded workload with the implicit library's reference settings and times every
/// iteration: the measurement behind <c>als</c> and the ALS rows of <c>targets</c>.
/// </summary>
/// <remarks>
/// Implicit: raw counts as confidence (<c>c = 1 + alpha * count</c>, alpha 1), regularization 0.01
/// not scaled by count. Explicit: the same file's values as ratings (squared error, regularization
/// scaled by each row's count as ALS-WR). Both float32, three conjugate-gradient steps, loss not
/// computed unless asked for (then an iteration's time includes what the loss costs).
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
    /// <param name="computeLoss">Whether the trainer adds up the training loss during the sweeps.</param>
    /// <param name="floatItemUser">A float transpose to train on instead of the workload's compact one (same factors, more memory).</param>
    public static AlsResult Run(
        Workload workload, string solver, int rank, int iterations, int threads, bool isExplicit, long? liveHeapBaseline = null,
        bool computeLoss = false, CsrMatrix? floatItemUser = null)
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
            ComputeLoss = computeLoss,
            ScaleRegularizationByCount = isExplicit,
        };
        var total = new Timings();
        var userSweep = new Timings();
        var itemSweep = new Timings();
        var processor = new Timings();
        long liveBytes = 0;
        double processorMark = MachineInfo.ProcessorSeconds();
        var lastElapsed = TimeSpan.Zero;
        Action<AlsIterationReport> onIteration = report =>
        {
            // Elapsed between reports: the two sweeps plus whatever the loss costs.
            total.Add((report.Elapsed - lastElapsed).TotalSeconds);
            lastElapsed = report.Elapsed;
            userSweep.Add(report.UserSweep.TotalSeconds);
            itemSweep.Add(report.ItemSweep.TotalSeconds);
            processor.Add(MachineInfo.ProcessorSeconds() - processorMark);
            if (liveHeapBaseline is not null)
            {
                liveBytes = Math.Max(liveBytes, GC.GetTotalMemory(forceFullCollection: true));
            }
            processorMark = MachineInfo.ProcessorSeconds();
        };
        var model = floatItemUser is null
            ? AlsTrainer.Fit(workload.UserItem, workload.ItemUser, options, onIteration)
            : AlsTrainer.Fit(workload.UserItem, floatItemUser, options, onIteration);

        long factorBytes = 4L * (model.UserFactors.Data.Length + model.ItemFactors.Data.Length);
        long? beyondFactors = liveHeapBaseline is { } baseline ? liveBytes - baseline - factorBytes : null;
        return new AlsResult(solver, rank, isExplicit, total, userSweep, itemSweep, processor,
            MachineInfo.PeakMemoryMiB(), workload.MatrixBytes + factorBytes, factorBytes, beyondFactors, workload.UserItem.NonZeros,
            model.WorkingSet!, model.History[^1].Loss, Checksum(model));
    }

    /// <summary>FNV-1a over the bit patterns of every user factor, then every item factor: equal checksums mean bit-identical factors.</summary>
    private static ulong Checksum(AlsModel model)
    {
        ulong hash = 14695981039346656037UL;
        foreach (var data in new[] { model.UserFactors.Data, model.ItemFactors.Data })
        {
            foreach (float value in data)
            {
                hash = (hash ^ BitConverter.SingleToUInt32Bits(value)) * 1099511628211UL;
            }
        }
        return hash;
    }
}
