namespace SparkRecs.Pipeline.Scheduling;

/// <summary>How one firing ended, with the exit code the same job would have given under <c>sparkrecs run</c>.</summary>
/// <param name="Firing">The firing.</param>
/// <param name="ExitCode">0 success, 2 configuration, 3 data, 4 training, 5 gate refused, 6 publish failed, 130 cancelled, 1 unexpected.</param>
/// <param name="Detail">The report's summary, or the error message.</param>
/// <param name="Duration">How long the work ran.</param>
/// <param name="Report">The report of a successful firing.</param>
public sealed record FiringOutcome(ScheduledFiring Firing, int ExitCode, string Detail, TimeSpan Duration, FiringReport? Report)
{
    /// <summary>What <see cref="ExitCode"/> means for the schedule, in words.</summary>
    public string Meaning => Describe(ExitCode);

    /// <summary>
    /// The meaning of an exit code for a scheduled firing. A refused gate is a skipped publish, not a
    /// crash: the live run stays served and the next firing tries again.
    /// </summary>
    public static string Describe(int exitCode) => exitCode switch
    {
        0 => "succeeded",
        2 => "configuration error (fix the config; later firings will fail the same way)",
        3 => "data error (missing, empty or bad partitions in the window); the live run stays served",
        4 => "training failed; the live run stays served",
        5 => "quality gate refused the candidate: publish skipped, the live run stays served",
        6 => "publishing failed; the live run stays served",
        7 => "the Spark cluster failed or refused the run (unreachable, older than 4.0, or a query failed); the live run stays served",
        130 => "cancelled by shutdown; nothing was published by this firing, the live run stays served",
        _ => "unexpected failure (a bug); the live run stays served",
    };
}
