using System.Globalization;
using SparkRecs.Pipeline.Config;
using SparkRecs.Pipeline.Progress;
using SparkRecs.Warehouse.Ingest;
using SparkRecs.Warehouse.Options;
using SparkRecs.Warehouse.Sample;

namespace SparkRecs.Pipeline.Stages;

/// <summary>
/// Reads the events of the configured window. With no <c>ingest:path</c> it first writes the
/// deterministic sample warehouse under the state folder (once; later runs reuse it) and reads that.
/// </summary>
public static class IngestStage
{
    /// <summary>The ingest options the run actually uses (the sample's when no path is configured).</summary>
    public static IngestOptions Resolve(JobConfig config, ProgressReporter progress)
    {
        if (!config.UsesSample)
        {
            return config.Ingest;
        }
        string root = Path.GetFullPath(Path.Combine(config.Run.StateDir, "sample-warehouse"));
        string marker = Path.Combine(root, ".complete");
        string signature = config.Sample.ToString();
        if (!File.Exists(marker) || File.ReadAllText(marker) != signature)
        {
            progress.BeginStage("sample");
            progress.Line($"no ingest:path configured: writing the sample warehouse to {root}");
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
            var summary = SampleWarehouseGenerator.Write(config.Sample, root);
            File.WriteAllText(marker, signature);
            progress.EndStage(DescribeSample(summary));
        }
        var sample = SampleWarehouseGenerator.IngestOptionsFor(root);
        // The config's window and cleaning rules (every key, present and future), with the sample's file layout.
        return config.Ingest with
        {
            Format = sample.Format,
            Path = sample.Path,
            Table = sample.Table,
            Partitioning = sample.Partitioning,
            Columns = sample.Columns,
            HasHeader = sample.HasHeader,
            TimestampFormat = sample.TimestampFormat,
            EventWeights = sample.EventWeights,
        };
    }

    /// <summary>One line on what the sample generator wrote, including what it planted on purpose.</summary>
    public static string DescribeSample(SampleSummary s) => string.Create(CultureInfo.InvariantCulture,
        $"{s.Events:N0} events in {s.Files.Count} day files ({s.Bytes / 1048576.0:0.0} MiB); planted: bot {s.BotUserKey ?? "none"} with {s.BotEvents:N0} events, " +
        $"{s.Malformed.Values.Sum():N0} malformed rows ({string.Join(", ", s.Malformed.Select(kv => $"{kv.Key} {kv.Value}"))})");

    /// <summary>Runs the ingest with progress (file, rows, bytes, ETA by bytes).</summary>
    public static IngestResult Run(IngestOptions options, ProgressReporter progress, CancellationToken ct)
    {
        progress.BeginStage("ingest");
        var reporter = new InlineProgress<IngestProgress>(p => progress.Update(p.Bytes, p.TotalBytes, "bytes",
            string.Create(CultureInfo.InvariantCulture, $"file {p.FileNumber}/{p.FileCount} rows {p.Rows:N0}")));
        var result = WarehouseIngest.Run(options, reporter, ct);
        foreach (string line in result.Report.Describe().Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            progress.Line(line.TrimEnd());
        }
        progress.EndStage(string.Create(CultureInfo.InvariantCulture,
            $"{result.Report.Events:N0} events, {result.Report.Users:N0} users, {result.Report.Items:N0} items from {result.Report.FilesRead} files"));
        return result;
    }
}
