namespace SparkRecs.Pipeline.Scheduling;

/// <summary>
/// The work one firing runs. It returns a report on success and throws on failure: the typed
/// <see cref="Core.Errors.SparkRecsException"/> family (whose exit codes the scheduler logs), and
/// <see cref="OperationCanceledException"/> when <paramref name="ct"/> is cancelled by a shutdown.
/// </summary>
public delegate Task<FiringReport> FiringWork(ScheduledFiring firing, CancellationToken ct);
