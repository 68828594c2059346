using System.Globalization;
using System.Text.Json;
using SparkRecs.Core.Errors;
using SparkRecs.Core.Recommend;
using SparkRecs.Pipeline.Config;
using SparkRecs.Pipeline.Progress;
using SparkRecs.Postgres;
using SparkRecs.Postgres.Embedded;
using SparkRecs.Postgres.Loading;

namespace SparkRecs.Pipeline.Stages;

/// <summary>
/// Loads a run into Postgres (binary COPY into fresh per-run tables) and switches the live version
/// in one transaction. Any failure before the switch marks the run failed and leaves the live
/// version untouched; the next run drops its partial tables.
/// </summary>
public static class PublishStage
{
    /// <summary>Opens the publishing target, or returns null (with a message) when <c>run:publish</c> is auto and PostgreSQL is not installed.</summary>
    public static async Task<PostgresTarget?> ConnectAsync(JobConfig config, ProgressReporter progress, CancellationToken ct)
    {
        if (config.Run.Publish == "never")
        {
            return null;
        }
        try
        {
            return await PostgresTarget.ConnectAsync(config.Postgres, Path.GetFullPath(config.Run.StateDir), ct);
        }
        catch (PostgresNotInstalledException e) when (config.Run.Publish == "auto")
        {
            progress.Line($"not publishing: {e.Message} The run's files are kept.");
            return null;
        }
    }

    /// <summary>Registers, loads and (when <paramref name="publish"/>) switches to the run; returns its Postgres run id.</summary>
    public static async Task<long> PublishAsync(
        PostgresTarget target, ModelArtifacts artifacts, JobResult result, bool publish, string? refusal,
        ProgressReporter progress, CancellationToken ct)
    {
        progress.BeginStage("publish");
        var publisher = target.Publisher;
        long runId = result.LoadedRunId ?? await publisher.BeginRunAsync(
            RunInfo(target, result.Engine, result.RunId, result.Folder, result.Parameters, result.Evaluation, result.WindowFromMs, result.WindowToMs), ct);
        if (!publish)
        {
            await publisher.MarkFailedAsync(runId, "refused by the quality gate: " + refusal, CancellationToken.None);
            progress.EndStage($"run {runId} registered as refused by the gate; the live version is unchanged");
            return runId;
        }
        try
        {
            if (result.LoadedRunId is null)
            {
                var load = await publisher.LoadAsync(runId, artifacts, new InlineProgress<LoadProgress>(p => progress.Update(p.Rows, 0, "rows", p.Table)), ct);
                progress.Line(Describe(runId, load));
            }
            var switched = await publisher.PublishAsync(runId, Environment.UserName, ct);
            progress.EndStage(string.Create(CultureInfo.InvariantCulture,
                $"run {runId} is live for model '{switched.Model}' (previous {switched.PreviousRunId?.ToString(CultureInfo.InvariantCulture) ?? "none"}; retention dropped {switched.DroppedRunIds.Count}){(switched.RetentionError is null ? "" : "; retention: " + switched.RetentionError)}"));
            return runId;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await publisher.MarkFailedAsync(runId, e.Message, CancellationToken.None);
            throw e as SparkRecsException ?? new PublishException($"Publishing run {runId} failed; the live version is unchanged: {e.Message}", e);
        }
    }

    /// <summary>What the registry records of a run: model, engine, the trained window, parameters and metrics.</summary>
    internal static Postgres.Publishing.RunInfo RunInfo(
        PostgresTarget target, string engine, string runId, string folder, Core.Factorization.AlsOptions als, EvaluationOutcome? evaluation,
        long windowFromMs, long windowToMs)
    {
        string metrics = evaluation is null ? "{}" : evaluation.Report.ToJson();
        string parameters = JsonSerializer.Serialize(new { runId, folder, als }, LiveBaseline.ParameterJson);
        return new Postgres.Publishing.RunInfo(
            target.Options.Model, engine,
            DateTimeOffset.FromUnixTimeMilliseconds(windowFromMs), DateTimeOffset.FromUnixTimeMilliseconds(windowToMs),
            parameters, metrics);
    }

    /// <summary>One line on a finished load.</summary>
    internal static string Describe(long runId, LoadSummary load) => string.Create(CultureInfo.InvariantCulture,
        $"loaded run {runId}: {load.RecommendationRows:N0} recommendations, {load.UserRows:N0} users, {load.ItemRows:N0} items, {load.SimilarRows:N0} similar, {load.PopularRows} popular (load {ProgressReporter.Duration(load.CopyTime)}, indexes {ProgressReporter.Duration(load.IndexTime)})");
}
