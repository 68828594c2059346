namespace SparkRecs.Bench.Targets;

/// <summary>The verdict on one target row.</summary>
internal enum TargetStatus
{
    /// <summary>Measured, and the figure passes the bar.</summary>
    Met,

    /// <summary>Measured, and the figure misses the bar (or the measurement itself failed, e.g. a run that did not complete).</summary>
    NotMet,

    /// <summary>Skipped or impossible this run: no figure is printed, never an older one.</summary>
    NotMeasured,

    /// <summary>Measured, with no bar to pass (a figure reported for context, like a wall time).</summary>
    Reported,
}
