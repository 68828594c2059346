using System.Globalization;
using SparkRecs.Core.Errors;
using SparkRecs.Core.Evaluation;
using SparkRecs.Core.Factorization;
using SparkRecs.Core.Recommend;
using SparkRecs.Pipeline.Config;
using SparkRecs.Pipeline.Engines;
using SparkRecs.Pipeline.Output;
using SparkRecs.Pipeline.Progress;
using SparkRecs.Pipeline.Stages;

namespace SparkRecs.Pipeline;

/// <summary>The outcome of a run: where its files are, whether the gate let it publish, its evaluation.</summary>
/// <param name="RunId">The run id (folder name).</param>
/// <param name="Folder">The run folder with every output file.</param>
/// <param name="Published">Whether the gate passed (the run is fit to serve).</param>
/// <param name="Evaluation">The evaluation, when it ran.</param>
/// <param name="Artifacts">What the run serves.</param>
/// <param name="Timings">Seconds per stage.</param>
/// <param name="Parameters">The parameters of the served model, as registered with the run.</param>
/// <param name="WindowFromMs">First event time the served model was trained on (Unix ms).</param>
/// <param name="WindowToMs">Last event time the served model was trained on (Unix ms).</param>
public sealed record JobResult(
    string RunId, string Folder, bool Published, EvaluationOutcome? Evaluation, ModelArtifacts Artifacts, IReadOnlyDictionary<string, double> Timings,
    AlsOptions Parameters, long WindowFromMs, long WindowToMs)
{
    /// <summary>The engine that produced the run (<c>local</c> or <c>spark</c>), registered with it in Postgres.</summary>
    public string Engine { get; init; } = "local";

    /// <summary>
    /// The Postgres run the engine already loaded and checked (status <c>ready</c>), when its
    /// executors wrote the tables themselves (<c>spark:writeMode jdbc</c>); publishing then only
    /// switches to it. Null when the publishing step loads the <see cref="Artifacts"/>.
    /// </summary>
    public long? LoadedRunId { get; init; }
}

/// <summary>
/// The nightly job on the local engine: ingest -> split -> train -> evaluate (gate) -> retrain on the
/// whole window -> recommend -> write the run folder. Publishing to Postgres is a separate step
/// composed by the caller, so a refused or failed run never touches what is served.
/// </summary>
/// <remarks>
/// Each stage reports progress; the run folder is written even when the gate refuses, so the report
/// explains the refusal. Evaluation numbers describe the model trained before the cutoff; the
/// published model is retrained on every event of the window with the same parameters unless
/// <c>recommend:retrainOnFullWindow</c> is false.
/// </remarks>
public sealed class RecommendationJob(JobConfig config, ProgressReporter progress)
{
    private readonly StageTimings _timings = new();

    /// <summary>Runs the job. <paramref name="live"/> optionally provides the live model, in the split's ids, for the gate's paired comparison.</summary>
    public JobResult Run(Func<EvaluationSplit, InteractionMatrix, IScoringModel?>? live = null, CancellationToken ct = default)
    {
        var started = DateTimeOffset.UtcNow;
        string runId = "r" + started.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        string folder = Path.GetFullPath(Path.Combine(config.Run.OutputDir, config.Run.Model, runId));
        int threads = config.Run.EffectiveThreads;
        var als = config.Als with { Threads = threads, Seed = unchecked((int)config.Run.Seed) };
        bool binary = config.Recommend.Values == "binary";

        var ingestOptions = _timings.Time("ingest", () => IngestStage.Resolve(config, progress));
        var ingest = _timings.Time("ingest", () => IngestStage.Run(ingestOptions, progress, ct));
        if (ingest.Events.Count == 0)
        {
            throw new DataException($"No events were accepted from '{ingestOptions.Path}' in the configured window; check ingest:path, ingest:window and the ingest report above.");
        }

        EvaluationOutcome? evaluation = null;
        AlsModel? evaluated = null;
        InteractionMatrix? evaluatedMatrix = null;
        EvaluationSplit? split = null;
        Core.Evaluation.Tuning.TuningResult? tuning = null;
        if (config.Evaluation.Enabled)
        {
            split = _timings.Time("split", () => SplitStage.Split(ingest.Events, config.Split, progress));
            if (config.Tuning.Enabled)
            {
                tuning = _timings.Time("tune", () => TuneStage.Tune(ingest.Events, split, config, als, binary, progress, ct));
                als = tuning.BestOptions with { Threads = threads, ComputeLoss = config.Als.ComputeLoss };
            }
            evaluatedMatrix = _timings.Time("matrix", () => InteractionMatrix.Build(split.Train, !als.Implicit, binary));
            evaluated = _timings.Time("train", () => TrainStage.Train(evaluatedMatrix, als, progress, "model for evaluation (events before the cutoff)", ct));
            var liveModel = live?.Invoke(split, evaluatedMatrix);
            var rolling = config.Split.RollingOrigins > 0
                ? _timings.Time("rolling", () => RollingOriginStage.Evaluate(ingest.Events, config, als, binary, progress, ct))
                : null;
            evaluation = _timings.Time("evaluate", () => EvaluateStage.Evaluate(split, evaluatedMatrix, evaluated, liveModel, config.Evaluation, config.Gate, threads, config.Run.Seed, rolling, progress, ct));
        }
        bool publish = evaluation?.Gate?.Publish ?? true;

        AlsModel final;
        InteractionMatrix finalMatrix;
        Core.Data.KeyIndex userKeys, itemKeys;
        ReadOnlySpan<long> trainedTimes;
        bool serveEvaluated = evaluated is not null && !config.Recommend.RetrainOnFullWindow;
        if (!serveEvaluated)
        {
            // Let the evaluation's matrix, model and split go before the full window is trained.
            evaluatedMatrix = null;
            evaluated = null;
            split = null;
        }
        if (serveEvaluated)
        {
            final = evaluated!;
            finalMatrix = evaluatedMatrix!;
            userKeys = split!.Train.UserKeys;
            itemKeys = split.Train.ItemKeys;
            trainedTimes = split.Train.Timestamps;
        }
        else
        {
            finalMatrix = _timings.Time("matrix", () => InteractionMatrix.Build(ingest.Events, !als.Implicit, binary));
            final = _timings.Time("train", () => TrainStage.Train(finalMatrix, als, progress, "model to serve (every event of the window)", ct));
            userKeys = ingest.Events.UserKeys;
            itemKeys = ingest.Events.ItemKeys;
            trainedTimes = ingest.Events.Timestamps;
        }
        var artifacts = _timings.Time("recommend", () => RecommendStage.Recommend(final, finalMatrix, userKeys, itemKeys, config.Recommend, threads, progress, ct));

        progress.BeginStage("output");
        var files = _timings.Time("output", () => config.Run.OutputFormat == "parquet"
            ? RunFolderParquetWriter.Write(artifacts, folder, (table, rows) => progress.Update(rows, 0, "rows", table))
            : RunFolderWriter.Write(artifacts, folder, config.Run.CompressOutput, (table, rows) => progress.Update(rows, 0, "rows", table)));
        var summary = new RunSummary(
            runId, config.Run.Model, "local", publish ? "succeeded" : "refused", started.ToString("O", CultureInfo.InvariantCulture),
            ingest.Report,
            new { als, recommend = config.Recommend, split = config.Split, tuning },
            _timings.Seconds,
            final.History.Select(h => new { h.Iteration, loss = double.IsNaN(h.Loss) ? (double?)null : h.Loss, seconds = h.UserSweep.TotalSeconds + h.ItemSweep.TotalSeconds }).ToList(),
            files.ToDictionary(f => Path.GetFileName(f), f => f),
            evaluation?.Gate is { } g ? (g.Publish ? "passed: " : "refused: ") + string.Join(" ", g.Reasons) : null);
        RunReportWriter.Write(folder, summary, evaluation?.Report);
        progress.EndStage($"{files.Count + (evaluation is null ? 1 : 2)} files in {folder}");
        return new JobResult(runId, folder, publish, evaluation, artifacts, _timings.Seconds, als,
            System.Numerics.Tensors.TensorPrimitives.Min(trainedTimes), System.Numerics.Tensors.TensorPrimitives.Max(trainedTimes));
    }
}
