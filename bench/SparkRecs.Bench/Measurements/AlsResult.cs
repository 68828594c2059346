using SparkRecs.Core.Factorization;

namespace SparkRecs.Bench.Measurements;

/// <summary>The figures of one ALS training run (<see cref="AlsMeasurement"/>).</summary>
/// <param name="Solver"><c>cg</c> or <c>cholesky</c>.</param>
/// <param name="Rank">The factor rank k.</param>
/// <param name="IsExplicit">Whether the values were trained as explicit ratings.</param>
/// <param name="Iteration">Seconds per iteration (user sweep + item sweep + the loss when computed), one entry per iteration.</param>
/// <param name="UserSweep">Seconds of each user sweep.</param>
/// <param name="ItemSweep">Seconds of each item sweep.</param>
/// <param name="ProcessorSeconds">Processor seconds (all threads) of each iteration; the first includes initialisation.</param>
/// <param name="PeakMemoryMiB">The process's peak resident memory after training.</param>
/// <param name="StructureBytes">Bytes of the CSR and CSC matrices and both factor matrices.</param>
/// <param name="FactorBytes">Bytes of both factor matrices.</param>
/// <param name="LiveBytesBeyondFactors">
/// Largest live managed heap during training, less the heap before the workload was loaded and the
/// factor matrices: the matrices plus whatever the trainer keeps (per-row arrays, Gram matrices,
/// per-worker scratch). Null when not measured.
/// </param>
/// <param name="NonZeros">Non-zeros of the workload.</param>
/// <param name="WorkingSet">What the trainer allocated (<see cref="AlsModel.WorkingSet"/>).</param>
/// <param name="FinalLoss">The last iteration's training loss, NaN when not computed.</param>
/// <param name="FactorChecksum">FNV-1a of every factor's bits.</param>
internal sealed record AlsResult(
    string Solver, int Rank, bool IsExplicit,
    Timings Iteration, Timings UserSweep, Timings ItemSweep, Timings ProcessorSeconds,
    double PeakMemoryMiB, long StructureBytes, long FactorBytes, long? LiveBytesBeyondFactors, long NonZeros,
    AlsWorkingSet WorkingSet, double FinalLoss, ulong FactorChecksum)
{
    /// <summary>The implicit library's seconds per iteration for this solver and rank, if known.</summary>
    public double? Reference => AlsMeasurement.Reference.TryGetValue((Solver, Rank), out double seconds) ? seconds : null;

    /// <summary><see cref="LiveBytesBeyondFactors"/> per non-zero, when measured.</summary>
    public double? LiveBytesPerNonZero => LiveBytesBeyondFactors is { } bytes ? (double)bytes / NonZeros : null;
}
