namespace SparkRecs.Pipeline.Scheduling;

/// <summary>What a successful firing did.</summary>
/// <param name="Summary">One line for the log (what was published, or where the files are).</param>
/// <param name="Result">The nightly run's result, when the work was the nightly run.</param>
public sealed record FiringReport(string Summary, NightlyRunResult? Result = null);
