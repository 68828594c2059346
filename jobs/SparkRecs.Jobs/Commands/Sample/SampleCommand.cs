using System.Diagnostics;
using SparkRecs.Pipeline.Config;
using SparkRecs.Warehouse.Sample;

namespace SparkRecs.Jobs.Commands.Sample;

/// <summary>
/// <c>sparkrecs sample --out DIR [--format csv|parquet]</c>: writes the deterministic sample warehouse (day partitions of
/// CSV.gz or snappy Parquet events with latent tastes, Zipf popularity, heavy-tailed activity, drift, a few bad rows
/// and a bot), scalable by flags to tens of millions of events for benchmarks.
/// </summary>
internal static class SampleCommand
{
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["users"] = "sample:users",
        ["items"] = "sample:items",
        ["events"] = "sample:events",
        ["days"] = "sample:days",
        ["seed"] = "sample:seed",
        ["ratings"] = "sample:ratings",
        ["start-date"] = "sample:startDate",
        ["threads"] = "sample:threads",
        ["format"] = "sample:format",
    };

    public static int Execute(CommandArguments args, CancellationToken ct)
    {
        args.ApplyAliases(Aliases, "conf", "out");
        var config = JobConfig.Load(args.Flag("conf"), args.Overrides);
        string root = Path.GetFullPath(args.Flag("out") ?? Path.Combine(config.Run.StateDir, "sample-warehouse"));
        var sw = Stopwatch.StartNew();
        Console.Error.WriteLine($"writing {config.Sample.Events:N0} events for {config.Sample.Users:N0} users and {config.Sample.Items:N0} items over {config.Sample.Days} days to {root}");
        var summary = SampleWarehouseGenerator.Write(config.Sample, root);
        Console.WriteLine(Pipeline.Stages.IngestStage.DescribeSample(summary));
        Console.WriteLine($"written in {sw.Elapsed.TotalSeconds:0.0}s; read it with ingest:path={root} ingest:format=auto (see conf/local.json)");
        return 0;
    }
}
