using SparkRecs.Core.Evaluation;
using SparkRecs.Core.Recommend;
using SparkRecs.Pipeline.Config;
using SparkRecs.Pipeline.Engines;
using SparkRecs.Pipeline.Progress;
using SparkRecs.Pipeline.Stages;
using SparkRecs.Postgres;
using SparkRecs.Postgres.Serving;

namespace SparkRecs.Pipeline;

/// <summary>What <see cref="NightlyRun"/> did.</summary>
/// <param name="Job">The job's result (files, evaluation, artifacts).</param>
/// <param name="PostgresRunId">The run's id in the Postgres registry, when a target was available.</param>
/// <param name="Target">Where it was published (connection string without password), or null.</param>
/// <param name="SampleQuery">A command line that queries the published recommendations, or null.</param>
public sealed record NightlyRunResult(JobResult Job, long? PostgresRunId, string? Target, string? SampleQuery);

/// <summary>
/// The <c>run</c> command as a library call: connect to the publishing target (so a bad connection
/// fails before hours of work), read the live model for the gate, run the job on the configured
/// engine (<see cref="RecommendationEngines"/>: local or Spark), then register the
/// run and — only when the gate passed — load and switch to it. A refused or failed run leaves the
/// live version served and untouched.
/// </summary>
public static class NightlyRun
{
    /// <summary>Runs the whole job; a refused gate is reported in the result (<see cref="JobResult.Published"/> false), not thrown.</summary>
    public static Task<NightlyRunResult> ExecuteAsync(JobConfig config, ProgressReporter progress, CancellationToken ct) =>
        ExecuteAsync(config, progress, null, ct);

    /// <summary>As the public overload, with the JDBC target the Spark executors write to given (tests; null reads the environment).</summary>
    internal static async Task<NightlyRunResult> ExecuteAsync(JobConfig config, ProgressReporter progress, SparkRecs.Spark.Plans.PostgresJdbcTarget? jdbc, CancellationToken ct)
    {
        await using var target = await PublishStage.ConnectAsync(config, progress, ct);
        LiveModelSnapshot? live = target is null
            ? null
            : await LiveModelSnapshot.ReadAsync(target.DataSource, config.Postgres.Schema, config.Run.Model, ct);
        if (live is not null)
        {
            progress.Line($"model '{config.Run.Model}' has live run {live.RunId}: the gate compares the candidate with it");
        }
        Func<EvaluationSplit, InteractionMatrix, IScoringModel?>? liveScorer = live is null
            ? null
            : (split, train) => LiveBaseline.Create(live, split, train, config.Als with { Threads = config.Run.EffectiveThreads }, progress, ct);

        var result = await RecommendationEngines.Create(config, progress, target, jdbc).RunAsync(liveScorer, ct);
        if (target is null)
        {
            return new NightlyRunResult(result, null, null, null);
        }
        string? refusal = result.Evaluation?.Gate is { Publish: false } g ? string.Join(" ", g.Reasons) : null;
        long runId = await PublishStage.PublishAsync(target, result.Artifacts, result, result.Published, refusal, progress, ct);
        string psql = target.IsEmbedded
            ? Postgres.Embedded.EmbeddedPostgres.PsqlCommand(Path.GetFullPath(config.Run.StateDir), target.ConnectionString)
            : "psql";
        string query = result.Artifacts.UserKeys.Count == 0
            ? ""
            : $"{psql} -c \"SELECT rank, item_key, score FROM {config.Postgres.Schema}.recommend('{config.Run.Model}', '{result.Artifacts.UserKeys.KeyOf(0)}', 10)\"";
        return new NightlyRunResult(result, runId, target.ConnectionString, query);
    }
}
