namespace SparkRecs.Postgres.Publishing;

/// <summary>What the pipeline knows about a run when it registers it with <c>Publisher.BeginRunAsync</c>.</summary>
/// <param name="Model">Model name (validated like <c>postgres:model</c>).</param>
/// <param name="Engine">Engine that produced the run ("local", "spark").</param>
/// <param name="WindowFrom">Start of the training data window, if known.</param>
/// <param name="WindowTo">End of the training data window, if known.</param>
/// <param name="ParametersJson">Training parameters as a JSON object (stored as jsonb).</param>
/// <param name="MetricsJson">Offline evaluation metrics as a JSON object (stored as jsonb; the quality gate reads the live run's).</param>
public sealed record RunInfo(
    string Model,
    string Engine,
    DateTimeOffset? WindowFrom = null,
    DateTimeOffset? WindowTo = null,
    string ParametersJson = "{}",
    string MetricsJson = "{}");
