namespace SparkRecs.Pipeline.Output;

/// <summary>The facts of one run that go into report.json besides the evaluation.</summary>
/// <param name="RunId">The run's id (also its folder name).</param>
/// <param name="Model">The model name (<c>run:model</c>).</param>
/// <param name="Engine">The engine that ran it.</param>
/// <param name="Status">succeeded, refused (by the gate) or failed.</param>
/// <param name="StartedAt">Start time, ISO 8601 UTC.</param>
/// <param name="Data">Ingest counts: files, rows, rejections by reason, duplicates, bots, filters.</param>
/// <param name="Parameters">The ALS and recommendation parameters used.</param>
/// <param name="Timings">Seconds per stage.</param>
/// <param name="Training">Per-iteration loss and time of the published model's training.</param>
/// <param name="Outputs">The files written and, when published, the Postgres run id.</param>
/// <param name="Gate">The gate's decision in a sentence.</param>
public sealed record RunSummary(
    string RunId,
    string Model,
    string Engine,
    string Status,
    string StartedAt,
    object Data,
    object Parameters,
    IReadOnlyDictionary<string, double> Timings,
    object Training,
    IReadOnlyDictionary<string, string> Outputs,
    string? Gate);
