using SparkRecs.Pipeline.Config;
using SparkRecs.Postgres;

namespace SparkRecs.Jobs.Commands;

/// <summary>Opens the configured publishing target for the commands that only talk to Postgres.</summary>
internal static class PostgresCommandBase
{
    public static (JobConfig Config, Func<CancellationToken, Task<PostgresTarget>> Connect) Load(CommandArguments args, params string[] ownFlags)
    {
        args.ApplyAliases(new Dictionary<string, string> { ["model"] = "run:model" }, ["conf", .. ownFlags]);
        var config = JobConfig.Load(args.Flag("conf"), args.Overrides);
        return (config, ct => PostgresTarget.ConnectAsync(config.Postgres, Path.GetFullPath(config.Run.StateDir), ct));
    }
}
