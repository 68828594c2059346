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
        var config = JobConfig.Load(args.Flag("conf"), args.Overrides);
        var progress = new ProgressReporter(Console.Error, interactive: !Console.IsErrorRedirected);
        var result = new RecommendationJob(config, progress).Run(ct: ct);
        ResultsTable.Print(Console.Out, result, config);
        if (!result.Published)
        {
            throw new QualityGateException($"The quality gate refused this run; its files and report are in {result.Folder} and nothing was published. " +
                (result.Evaluation?.Gate is { } g ? string.Join(" ", g.Reasons) : ""));
        }
        return 0;
    }
}
