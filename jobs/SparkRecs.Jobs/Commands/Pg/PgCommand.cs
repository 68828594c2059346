using SparkRecs.Core.Errors;
using SparkRecs.Pipeline.Config;
using SparkRecs.Postgres.Embedded;

namespace SparkRecs.Jobs.Commands.Pg;

/// <summary>
/// <c>sparkrecs pg start|stop|status</c>: manages the embedded PostgreSQL under the state folder
/// (the server <c>run</c> publishes to when no <c>postgres:connectionString</c> is configured).
/// </summary>
internal static class PgCommand
{
    public static int Execute(CommandArguments args, CancellationToken ct)
    {
        args.ApplyAliases(new Dictionary<string, string>(), "conf");
        var config = JobConfig.Load(args.Flag("conf"), args.Overrides);
        string stateDir = Path.GetFullPath(config.Run.StateDir);
        string action = args.Positional.Count > 0 ? args.Positional[0] : "status";
        switch (action)
        {
            case "start":
                {
                    string cs = EmbeddedPostgres.EnsureStartedAsync(stateDir, ct).GetAwaiter().GetResult();
                    Console.WriteLine($"embedded PostgreSQL running: {cs}");
                    Console.WriteLine($"connect: {EmbeddedPostgres.PsqlCommand(stateDir, cs)}");
                    return 0;
                }
            case "stop":
                {
                    bool stopped = EmbeddedPostgres.StopAsync(stateDir, ct).GetAwaiter().GetResult();
                    Console.WriteLine(stopped ? $"embedded PostgreSQL under {stateDir} stopped" : $"no embedded PostgreSQL was running under {stateDir}");
                    return 0;
                }
            case "status":
                {
                    string pidFile = Path.Combine(stateDir, "postgres", "data", "postmaster.pid");
                    Console.WriteLine(File.Exists(pidFile)
                        ? $"embedded PostgreSQL under {stateDir} is running (pid {File.ReadLines(pidFile).First()}); 'sparkrecs pg start' prints how to connect"
                        : $"no embedded PostgreSQL is running under {stateDir}; 'sparkrecs pg start' starts it");
                    return 0;
                }
            default:
                throw new ConfigurationException("pg", $"unknown action '{action}'; use start, stop or status.");
        }
    }
}
