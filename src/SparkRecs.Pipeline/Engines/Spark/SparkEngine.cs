using System.Globalization;
using SparkRecs.Core.Data;
using SparkRecs.Core.Errors;
using SparkRecs.Core.Evaluation;
using SparkRecs.Core.Factorization;
using SparkRecs.Core.Recommend;
using SparkRecs.Pipeline.Config;
using SparkRecs.Pipeline.Progress;
using SparkRecs.Pipeline.Stages;
using SparkRecs.Spark.Connect;
using SparkRecs.Spark.Plans;

namespace SparkRecs.Pipeline.Engines.Spark;

/// <summary>
/// The nightly job on a Spark 4 cluster through Spark Connect. The cluster reads and cleans the
/// window (Spark SQL), fits ALS (MLlib) and ranks every user's items; the .NET driver evaluates,
/// applies the gate and hands the artifacts to the same publishing step as the local engine.
/// </summary>
/// <remarks>
/// <para>Sequence: refuse Spark &lt; 4; session time zone UTC; read the events table and clean it
/// (<see cref="SparkIngestSql"/>); fetch the cleaned events (Arrow) and split them in the driver
/// with the local engine's temporal split, so both engines evaluate the same protocol; fit the
/// evaluation model on the events before the cutoff, fetch its factors, evaluate with the Core
/// evaluator and the gate (popularity, item-kNN, live model, as configured). Only when the gate
/// passes: fit on the whole window, <c>recommendForAllUsers(N + most seen)</c> with seen items
/// removed in SQL, fetch the top-N and factors, compute similar items and the popular list in
/// the driver.</para>
/// <para>Every cached model is deleted and the session released in a <c>finally</c>, whatever
/// happened. With <c>spark:writeMode driver</c> nothing here touches Postgres; with <c>jdbc</c>,
/// after the gate, the executors write the run's tables (<see cref="WriteThroughJdbcAsync"/>) and
/// any failure marks that run failed. Either way a failure leaves the live run served.</para>
/// <para>The driver holds the cleaned window's columns (20 bytes an event) for the evaluation,
/// as the local engine does, and while they arrive the fetched Arrow result with its string keys
/// (several times that); the cluster does the reading, cleaning, fitting and ranking.</para>
/// </remarks>
/// <param name="config">The job.</param>
/// <param name="progress">Where progress goes.</param>
/// <param name="clientOptions">Spark Connect client options (tests shorten timeouts).</param>
/// <param name="publishTarget">The Postgres the run is published to; required with <c>spark:writeMode jdbc</c>, where the executors write into it.</param>
/// <param name="jdbcTarget">The database as the executors reach it; null reads <see cref="PostgresJdbcTarget.FromEnvironment"/> when <c>spark:writeMode</c> is <c>jdbc</c>.</param>
public sealed partial class SparkEngine(
    JobConfig config, ProgressReporter progress, SparkConnectClientOptions? clientOptions = null,
    Postgres.PostgresTarget? publishTarget = null, PostgresJdbcTarget? jdbcTarget = null) : IRecommendationEngine
{
    private readonly StageTimings _timings = new();
    private readonly List<string> _cachedModels = [];

    /// <inheritdoc/>
    public string Name => "spark";

    /// <inheritdoc/>
    public async Task<JobResult> RunAsync(Func<EvaluationSplit, InteractionMatrix, IScoringModel?>? live, CancellationToken ct)
    {
        var started = DateTimeOffset.UtcNow;
        string runId = "r" + started.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        string folder = Path.GetFullPath(Path.Combine(config.Run.OutputDir, config.Run.Model, runId));
        var endpoint = config.Spark.Endpoint();
        var jdbc = config.Spark.WritesThroughJdbc ? JdbcTargetOrThrow() : null;
        var spark = new SparkConnectClient(endpoint, clientOptions ?? config.Spark.ClientOptions());
        try
        {
            progress.BeginStage("spark");
            var version = await spark.RequireMlSupportAsync(ct);
            await spark.SetConfAsync(new Dictionary<string, string> { ["spark.sql.session.timeZone"] = "UTC" }, ct);
            foreach (string difference in SparkAlsParams.Differences(config.Als))
            {
                progress.Line("MLlib ALS: " + difference);
            }
            progress.EndStage($"Spark {version.Text} at {endpoint}, session {spark.SessionId}");
            var ingest = await _timings.TimeAsync("ingest", () => IngestAsync(spark, ct));
            return await RunOnEventsAsync(spark, ingest, live, runId, folder, started, jdbc, ct);
        }
        finally
        {
            await ReleaseAsync(spark);
        }
    }

    private async Task<JobResult> RunOnEventsAsync(
        SparkConnectClient spark, SparkIngestReport ingest, Func<EvaluationSplit, InteractionMatrix, IScoringModel?>? live,
        string runId, string folder, DateTimeOffset started, PostgresJdbcTarget? jdbc, CancellationToken ct)
    {
        var events = ingest.Events;
        var als = config.Als with { Threads = config.Run.EffectiveThreads, Seed = unchecked((int)config.Run.Seed) };
        bool binary = config.Recommend.Values == "binary";
        EvaluationOutcome? evaluation = null;
        FittedModel? evaluated = null;
        if (config.Evaluation.Enabled)
        {
            long cutoff = config.Split.CutoffMs ?? TemporalSplit.CutoffAtQuantile(events, config.Split.CutoffQuantile);
            var split = _timings.Time("split", () => SplitStage.Split(events, config.Split, progress));
            await spark.ExecuteAsync(SparkCommands.Sql(
                $"CREATE OR REPLACE TEMP VIEW `{SparkViews.Train}` AS SELECT * FROM `{SparkViews.Events}` WHERE ts_ms < {cutoff.ToString(CultureInfo.InvariantCulture)}"), ct);
            evaluated = await _timings.TimeAsync("train", () => FitAsync(spark, new SparkModelSql("eval"), SparkViews.Train, split.Train, als, binary,
                "model for evaluation (events before the cutoff)", ct));
            var matrix = _timings.Time("matrix", () => InteractionMatrix.Build(split.Train, !als.Implicit, binary));
            var liveModel = live?.Invoke(split, matrix);
            evaluation = _timings.Time("evaluate", () => EvaluateStage.Evaluate(split, matrix, evaluated.Model, liveModel, config.Evaluation, config.Gate,
                config.Run.EffectiveThreads, config.Run.Seed, null, progress, ct));
            if (config.Recommend.RetrainOnFullWindow)
            {
                await DeleteModelAsync(spark, evaluated.ModelId, ct);
            }
        }
        bool publish = evaluation?.Gate?.Publish ?? true;
        ModelArtifacts artifacts;
        InteractionTable trained;
        long? loadedRunId = null;
        if (!publish)
        {
            // A refused run serves nothing: the full-window fit would only cost the cluster time.
            trained = evaluated!.Trained;
            artifacts = Empty(als.Rank, config.Recommend.TopN);
            if (!config.Recommend.RetrainOnFullWindow)
            {
                await DeleteModelAsync(spark, evaluated.ModelId, ct);
            }
        }
        else
        {
            var serving = evaluated is not null && !config.Recommend.RetrainOnFullWindow
                ? evaluated
                : await _timings.TimeAsync("train", () => FitAsync(spark, new SparkModelSql("final"), SparkViews.Events, events, als, binary,
                    "model to serve (every event of the window)", ct));
            trained = serving.Trained;
            if (jdbc is not null)
            {
                var run = PublishStage.RunInfo(publishTarget!, Name, runId, folder, als, evaluation,
                    System.Numerics.Tensors.TensorPrimitives.Min(trained.Timestamps), System.Numerics.Tensors.TensorPrimitives.Max(trained.Timestamps));
                (artifacts, loadedRunId) = await _timings.TimeAsync("recommend", () => WriteThroughJdbcAsync(spark, serving, binary, jdbc, run, ct));
            }
            else
            {
                artifacts = await _timings.TimeAsync("recommend", () => RecommendAsync(spark, serving, binary, ct));
            }
        }
        return Finish(runId, folder, started, ingest, evaluation, artifacts, publish, als, trained) with { LoadedRunId = loadedRunId };
    }

    private JobResult Finish(
        string runId, string folder, DateTimeOffset started, SparkIngestReport ingest, EvaluationOutcome? evaluation,
        ModelArtifacts artifacts, bool publish, AlsOptions als, InteractionTable trained)
    {
        progress.BeginStage("output");
        var files = publish
            ? _timings.Time("output", () => config.Run.OutputFormat == "parquet"
                ? Output.RunFolderParquetWriter.Write(artifacts, folder, (table, rows) => progress.Update(rows, 0, "rows", table))
                : Output.RunFolderWriter.Write(artifacts, folder, config.Run.CompressOutput, (table, rows) => progress.Update(rows, 0, "rows", table)))
            : [];
        var summary = new Output.RunSummary(
            runId, config.Run.Model, Name, publish ? "succeeded" : "refused", started.ToString("O", CultureInfo.InvariantCulture),
            ingest.Describe(),
            new { als, recommend = config.Recommend, split = config.Split, spark = new { config.Spark.EventsPath, config.Spark.Blocks } },
            _timings.Seconds,
            Array.Empty<object>(),
            files.ToDictionary(f => Path.GetFileName(f), f => f),
            evaluation?.Gate is { } g ? (g.Publish ? "passed: " : "refused: ") + string.Join(" ", g.Reasons) : null);
        Directory.CreateDirectory(folder);
        Output.RunReportWriter.Write(folder, summary, evaluation?.Report);
        progress.EndStage($"{files.Count + (evaluation is null ? 1 : 2)} files in {folder}");
        var times = trained.Timestamps;
        return new JobResult(runId, folder, publish, evaluation, artifacts, _timings.Seconds, als,
            System.Numerics.Tensors.TensorPrimitives.Min(times), System.Numerics.Tensors.TensorPrimitives.Max(times))
        {
            Engine = Name,
        };
    }

    /// <summary>What a refused run publishes: nothing (it is registered as refused and never loaded).</summary>
    private static ModelArtifacts Empty(int rank, int topN) =>
        new(new KeyIndex(), new KeyIndex(), new FactorMatrix(0, rank), new FactorMatrix(0, rank), new TopNLists(0, topN), new TopNLists(0, 0), [], []);

    /// <summary>Deletes the cached models still on the server, then releases the session; best effort, never masking the run's own error.</summary>
    /// <remarks>Bounded by <see cref="CleanupTimeout"/>: an unreachable server must not hold the run (and its exit code) hostage.</remarks>
    private async Task ReleaseAsync(SparkConnectClient spark)
    {
        using var timeout = new CancellationTokenSource(CleanupTimeout);
        foreach (string model in _cachedModels.ToArray())
        {
            try
            {
                await DeleteModelAsync(spark, model, timeout.Token);
            }
            catch (Exception e) when (e is SparkConnectException or OperationCanceledException)
            {
                progress.Line($"could not delete cached model {model} from the Spark server's ML cache ({e.Message}); it goes with the session.");
            }
        }
        try
        {
            await spark.ReleaseSessionAsync(timeout.Token);
        }
        catch (Exception e) when (e is SparkConnectException or OperationCanceledException)
        {
            progress.Line($"could not release Spark session {spark.SessionId} ({e.Message}); the server expires idle sessions.");
        }
        await spark.DisposeAsync();
    }

    /// <summary>How long deleting the cached models and releasing the session may take together.</summary>
    private static readonly TimeSpan CleanupTimeout = TimeSpan.FromMinutes(2);

    private async Task DeleteModelAsync(SparkConnectClient spark, string modelId, CancellationToken ct)
    {
        await spark.ExecuteAsync(SparkAlsPlans.Delete(modelId), ct);
        _cachedModels.Remove(modelId);
    }
}
