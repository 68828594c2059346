using SparkRecs.Core.Errors;
using SparkRecs.Core.Recommend;
using SparkRecs.Pipeline;
using SparkRecs.Pipeline.Config;
using SparkRecs.Pipeline.Progress;
using SparkRecs.Pipeline.Stages;
using SparkRecs.Postgres.Embedded;
using SparkRecs.Postgres.Serving;

namespace SparkRecs.Jobs.Commands.Run;

/// <summary>
/// <c>sparkrecs run --conf FILE</c>: the whole nightly job. Progress goes to standard error, the
/// results table to standard output. A run the quality gate refuses keeps its files and report,
/// publishes nothing and exits with code 5.
/// </summary>
internal static class RunCommand
{
    public static int Execute(CommandArguments args, CancellationToken ct)
    {
        args.ApplyAliases(new Dictionary<string, string> { ["no-publish"] = "run:publish" }, "conf");
        if (args.Has("no-publish"))
        {
            args.Overrides.Add(new("run:publish", "never"));
        }
        var config = JobConfig.Load(args.Flag("conf"), args.Overrides);
        var progress = new ProgressReporter(Console.Error, interactive: !Console.IsErrorRedirected);
        return ExecuteAsync(config, progress, ct).GetAwaiter().GetResult();
    }

    private static async Task<int> ExecuteAsync(JobConfig config, ProgressReporter progress, CancellationToken ct)
    {
        await using var target = await PublishStage.ConnectAsync(config, progress, ct);
        LiveModelSnapshot? live = target is null
            ? null
            : await LiveModelSnapshot.ReadAsync(target.DataSource, config.Postgres.Schema, config.Run.Model, ct);
        if (live is not null)
        {
            progress.Line($"live run {live.RunId} of '{config.Run.Model}' will be re-scored on this run's split for the gate");
        }
        Func<Core.Evaluation.EvaluationSplit, InteractionMatrix, IScoringModel?>? liveScorer = live is null
            ? null
            : (split, train) => LiveBaseline.Create(live, split, train, config.Als with { Threads = config.Run.EffectiveThreads }, progress, ct);

        var result = new RecommendationJob(config, progress).Run(liveScorer, ct);
        ResultsTable.Print(Console.Out, result, config);

        string? refusal = result.Evaluation?.Gate is { Publish: false } g ? string.Join(" ", g.Reasons) : null;
        if (target is not null)
        {
            long runId = await PublishStage.PublishAsync(target, result.Artifacts, result, result.Published, refusal, progress, ct);
            if (result.Published)
            {
                Console.WriteLine($"published: Postgres run {runId} is live for model '{config.Run.Model}' at {target.ConnectionString}");
                Console.WriteLine($"try: {(target.IsEmbedded ? EmbeddedPostgres.PsqlCommand(Path.GetFullPath(config.Run.StateDir), target.ConnectionString) : "psql")} -c \"SELECT rank, item_key, score FROM {config.Postgres.Schema}.recommend('{config.Run.Model}', '{result.Artifacts.UserKeys.KeyOf(0)}', 10)\"");
            }
        }
        if (!result.Published)
        {
            throw new QualityGateException($"The quality gate refused this run; its files and report are in {result.Folder} and the live version is unchanged. {refusal}");
        }
        return 0;
    }
}
