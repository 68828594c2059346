using SparkRecs.Pipeline.Config;

namespace SparkRecs.Pipeline.Scheduling;

/// <summary>One firing of the schedule, as handed to the work it runs.</summary>
/// <param name="Number">1 for the first firing since the scheduler started.</param>
/// <param name="ScheduledFireTime">When the firing was due (what its window is derived from).</param>
/// <param name="FireTime">When it actually started (later than scheduled after a misfire or a long previous run).</param>
/// <param name="Config">The configuration of this firing, its ingest window already set.</param>
public sealed record ScheduledFiring(int Number, DateTimeOffset ScheduledFireTime, DateTimeOffset FireTime, JobConfig Config)
{
    /// <summary>The days this firing reads, for log lines.</summary>
    public string Window => FiringWindow.Describe(Config.Ingest.Window);
}
