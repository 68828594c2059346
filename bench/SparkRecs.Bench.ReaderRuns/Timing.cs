namespace SparkRecs.Bench.ReaderRuns;

/// <summary>One timed run: rows read, wall-clock seconds, and CPU seconds of the process that did the work.</summary>
public readonly record struct Timing(long Rows, double Seconds, double CpuSeconds);
