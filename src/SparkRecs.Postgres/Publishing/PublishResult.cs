namespace SparkRecs.Postgres.Publishing;

/// <summary>Outcome of a publish or rollback.</summary>
/// <param name="Model">The model switched.</param>
/// <param name="LiveRunId">The run now live.</param>
/// <param name="PreviousRunId">The run that was live before, now retired (null on a model's first publish).</param>
/// <param name="DroppedRunIds">Runs whose tables retention dropped afterwards.</param>
/// <param name="RetentionError">
/// Why retention could not run after the (committed) switch, for the caller to log; null when it
/// ran. The next publish retries it.
/// </param>
public sealed record PublishResult(string Model, long LiveRunId, long? PreviousRunId, IReadOnlyList<long> DroppedRunIds, string? RetentionError = null);
