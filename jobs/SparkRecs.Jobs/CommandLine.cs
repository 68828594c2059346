using SparkRecs.Core.Errors;
using SparkRecs.Jobs.Commands;

namespace SparkRecs.Jobs;

/// <summary>
/// Parses the command line, dispatches to a command, and maps typed errors to the documented exit
/// codes (README, "Exit codes"): 0 success, 1 unexpected failure, 2 configuration, 3 data,
/// 4 training, 5 quality gate refused, 6 publish failed, 130 cancelled.
/// </summary>
internal static class CommandLine
{
    private static readonly Dictionary<string, Func<CommandArguments, CancellationToken, int>> Handlers = new(StringComparer.Ordinal)
    {
        ["run"] = Commands.Run.RunCommand.Execute,
        ["sample"] = Commands.Sample.SampleCommand.Execute,
        ["runs"] = Commands.Runs.RunsCommand.Execute,
        ["rollback"] = Commands.Rollback.RollbackCommand.Execute,
        ["pg"] = Commands.Pg.PgCommand.Execute,
        ["schedule"] = Commands.Schedule.ScheduleCommand.Execute,
        ["help"] = (_, _) => Commands.Help.HelpCommand.Print(Console.Out),
    };

    public static int Run(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        try
        {
            var parsed = CommandArguments.Parse(args, new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "no-publish", "help", "force", "run-on-start" });
            string command = parsed.Command is "--help" or "-h" ? "help" : parsed.Command;
            if (!Handlers.TryGetValue(command, out var handler))
            {
                Console.Error.WriteLine($"sparkrecs: unknown command '{parsed.Command}'. Commands: {string.Join(", ", Handlers.Keys.Order())}; see 'sparkrecs help'.");
                return 2;
            }
            return handler(parsed, cancel.Token);
        }
        catch (SparkRecsException e)
        {
            return Fail(e);
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("sparkrecs: cancelled; nothing was published.");
            return 130;
        }
        catch (AggregateException e) when (e.Flatten().InnerExceptions.Count == 1 && e.Flatten().InnerException is SparkRecsException inner)
        {
            // A typed error thrown inside a parallel stage arrives wrapped; report it as itself.
            return Fail(inner);
        }
    }

    private static int Fail(SparkRecsException error)
    {
        Console.Error.WriteLine();
        Console.Error.WriteLine($"sparkrecs: {error.Message}");
        return error.ExitCode;
    }
}
