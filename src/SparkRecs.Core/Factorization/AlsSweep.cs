namespace SparkRecs.Core.Factorization;

/// <summary>
/// One half-iteration of ALS: solve every row of <see cref="Side"/> for <see cref="Target"/> while
/// <see cref="Fixed"/> (the other side) stays constant.
/// </summary>
/// <remarks>
/// Each row reads only <see cref="Fixed"/>, the shared <see cref="Gram"/>, its own ratings and its own
/// previous factors (the conjugate-gradient warm start), and writes only its own row of
/// <see cref="Target"/>. Rows are therefore independent and the result is identical whatever the
/// thread count or the order in which workers take them. With <see cref="Loss"/> set, each chunk of
/// rows also writes its share of the objective to its own slot of <see cref="LossPartials"/>, summed
/// in row order, so the total (summed in chunk order) is independent of scheduling too.
/// </remarks>
internal sealed class AlsSweep(AlsSide side, FactorMatrix fixedFactors, FactorMatrix target, GramMatrix? gram, AlsOptions options, SweepLoss loss = SweepLoss.None, double[]? lossPartials = null)
{
    private const int RowsPerChunk = 64;

    /// <summary>How many chunks of rows a sweep over <paramref name="rows"/> rows hands out to workers.</summary>
    public static int ChunkCount(int rows) => (rows + RowsPerChunk - 1) / RowsPerChunk;

    /// <summary>The rows being solved.</summary>
    public AlsSide Side { get; } = side;

    /// <summary>The other side's factors (read only during the sweep).</summary>
    public FactorMatrix Fixed { get; } = fixedFactors;

    /// <summary>This side's factors: warm start on entry, solution on exit.</summary>
    public FactorMatrix Target { get; } = target;

    /// <summary>Implicit: <c>Fixed^T Fixed</c>, full k x k; explicit: <see langword="null"/>.</summary>
    public float[]? Gram { get; } = gram?.FullSingle;

    /// <summary>Implicit: <see cref="Gram"/> zero-padded to <see cref="FactorKernels.PaddedRank"/>; explicit: <see langword="null"/>.</summary>
    public float[]? PaddedGram { get; } = gram?.PaddedSingle;

    /// <summary>The training options.</summary>
    public AlsOptions Options { get; } = options;

    /// <summary>Which share of the objective the rows add up.</summary>
    public SweepLoss Loss { get; } = loss;

    /// <summary>
    /// Per chunk of rows, its share of the objective: the caller's array of <see cref="ChunkCount"/>
    /// slots (allocated once per training run), or empty when <see cref="Loss"/> is <see cref="SweepLoss.None"/>.
    /// </summary>
    public double[] LossPartials { get; } = loss == SweepLoss.None ? []
        : lossPartials is { } partials && partials.Length == ChunkCount(side.Ratings.Rows) ? partials
        : throw new ArgumentException($"A sweep that tracks the loss needs {ChunkCount(side.Ratings.Rows)} partial sums.", nameof(lossPartials));

    /// <summary>The sum of <see cref="LossPartials"/> in chunk order.</summary>
    public double LossTotal()
    {
        double total = 0d;
        foreach (double partial in LossPartials)
        {
            total += partial;
        }
        return total;
    }

    /// <summary>Records the objective share of the chunk that starts at row <paramref name="start"/>.</summary>
    public void RecordLoss(int start, double share) => LossPartials[start / RowsPerChunk] = share;

    /// <summary>
    /// Solves every row. Returns the failure with the lowest row index (deterministic whatever the
    /// scheduling), or <see langword="null"/> when every row came out finite.
    /// </summary>
    public RowFailure? Run(AlsRowSolver[] workers, CancellationToken ct)
    {
        foreach (var worker in workers)
        {
            worker.ClearFailure();
        }
        RowPartitioner.Run(Side.Ratings.Rows, RowsPerChunk, workers, ct, (worker, start, end) => worker.SolveRows(this, start, end));

        RowFailure? first = null;
        foreach (var worker in workers)
        {
            if (worker.Failure is { } failure && (first is null || failure.Row < first.Value.Row))
            {
                first = failure;
            }
        }
        return first;
    }
}
