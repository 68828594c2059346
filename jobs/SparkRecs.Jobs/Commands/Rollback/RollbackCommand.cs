using System.Globalization;
using SparkRecs.Core.Errors;

namespace SparkRecs.Jobs.Commands.Rollback;

/// <summary>
/// <c>sparkrecs rollback [--model NAME] [--to RUN_ID]</c>: makes an earlier run live again in one
/// transaction (the previous live run when <c>--to</c> is not given). Its tables must still exist
/// (retention keeps the last <c>postgres:retainRuns</c>).
/// </summary>
internal static class RollbackCommand
{
    public static int Execute(CommandArguments args, CancellationToken ct)
    {
        var (config, connect) = PostgresCommandBase.Load(args, "to");
        long? to = null;
        if (args.Flag("to") is { } text)
        {
            to = long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long id)
                ? id
                : throw new ConfigurationException("--to", $"'{text}' is not a run id; list them with 'sparkrecs runs'.");
        }
        return Run(config.Run.Model, to, connect, ct).GetAwaiter().GetResult();
    }

    private static async Task<int> Run(string model, long? to, Func<CancellationToken, Task<Postgres.PostgresTarget>> connect, CancellationToken ct)
    {
        await using var target = await connect(ct);
        var result = await target.Publisher.RollbackAsync(model, to, Environment.UserName, ct);
        Console.WriteLine($"model '{result.Model}': run {result.LiveRunId} is live again (was {result.PreviousRunId?.ToString(CultureInfo.InvariantCulture) ?? "none"})");
        return 0;
    }
}
