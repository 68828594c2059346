namespace SparkRecs.Spark.Connect;

/// <summary>Limits of a <see cref="SparkConnectClient"/>; the defaults suit a nightly batch job.</summary>
public sealed record SparkConnectClientOptions
{
    /// <summary>
    /// Deadline of the short calls (AnalyzePlan, Config, Interrupt, ReleaseSession). Default 2 minutes:
    /// long enough for a busy driver, short enough that an unreachable server fails the job promptly.
    /// </summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Deadline of each ExecutePlan stream, or <see langword="null"/> (the default) for none: an ALS
    /// fit on a large matrix legitimately runs for hours. Cancel through the token instead.
    /// </summary>
    public TimeSpan? ExecuteTimeout { get; init; }

    /// <summary>
    /// Largest response message accepted, in bytes. Default 128 MiB, Spark's default inbound limit;
    /// Arrow batches are chunked by the server (spark.connect.grpc.arrow.maxBatchSize, 4 MiB) well below it.
    /// </summary>
    public int MaxMessageBytes { get; init; } = 128 * 1024 * 1024;
}
