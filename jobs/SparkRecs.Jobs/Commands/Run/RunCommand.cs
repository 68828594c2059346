using SparkRecs.Core.Errors;
using SparkRecs.Pipeline;
using SparkRecs.Pipeline.Config;
using SparkRecs.Pipeline.Progress;

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
        args.ApplyAliases(new Dictionary<string, string>(), "conf", "no-publish");
        if (args.Has("no-publish"))
        {
            args.Overrides.Add(new("run:publish", "never"));
        }
        var config = JobConfig.Load(args.Flag("conf"), args.Overrides);
        var progress = new ProgressReporter(Console.Error, interactive: !Console.IsErrorRedirected);
        var outcome = NightlyRun.ExecuteAsync(config, progress, ct).GetAwaiter().GetResult();
        var result = outcome.Job;
        ResultsTable.Print(Console.Out, result, config);
        if (!result.Published)
        {
            string reasons = result.Evaluation?.Gate is { } g ? string.Join(" ", g.Reasons) : "";
            throw new QualityGateException($"The quality gate refused this run; its files and report are in {result.Folder} and the live version is unchanged. {reasons}");
        }
        if (outcome.PostgresRunId is { } runId)
        {
            Console.WriteLine($"published: Postgres run {runId} is live for model '{config.Run.Model}' at {outcome.Target}");
            Console.WriteLine($"try: {outcome.SampleQuery}");
        }
        else
        {
            Console.WriteLine($"not published (run:publish = {config.Run.Publish}); the run's files are in {result.Folder}");
        }
        return 0;
    }
}
