using SparkRecs.Core.Errors;

namespace SparkRecs.Pipeline.Config;

/// <summary>
/// The keys of other sections that the Spark engine cannot honour as the local engine does. Each
/// is refused by name with what to set instead, so a cluster run never silently differs from the
/// configuration it was given.
/// </summary>
internal static class SparkIngestRules
{
    /// <summary>Spark data source formats by <c>ingest:format</c>.</summary>
    public static IReadOnlyList<string> Formats { get; } = ["csv", "tsv", "jsonl", "parquet"];

    public static void Validate(JobConfig config)
    {
        var ingest = config.Ingest;
        string format = ingest.Format.Trim().ToLowerInvariant();
        if (!Formats.Contains(format))
        {
            throw new ConfigurationException("ingest:format", $"'{ingest.Format}' cannot be read by the Spark engine; set one of {string.Join(", ", Formats)} (the cluster cannot guess a format from file names).");
        }
        string timestampFormat = ingest.TimestampFormat.Trim().ToLowerInvariant();
        bool timestampMapped = !string.IsNullOrEmpty(ingest.Columns.Timestamp);
        if (timestampMapped && timestampFormat is not ("unix-seconds" or "unix-millis" or "iso8601"))
        {
            throw new ConfigurationException("ingest:timestampFormat", $"'{ingest.TimestampFormat}' is not usable by the Spark engine; set unix-seconds, unix-millis or iso8601.");
        }
        RequireColumn("ingest:columns:user", ingest.Columns.User, required: true);
        RequireColumn("ingest:columns:item", ingest.Columns.Item, required: true);
        RequireColumn("ingest:columns:timestamp", ingest.Columns.Timestamp, required: false);
        RequireColumn("ingest:columns:value", ingest.Columns.Value, required: false);
        RequireColumn("ingest:columns:eventType", ingest.Columns.EventType, required: false);
        if (!SparkSettings.IsPlainIdentifier(ingest.Partitioning.DateKey))
        {
            throw new ConfigurationException("ingest:partitioning:dateKey", $"'{ingest.Partitioning.DateKey}' must be a plain column name (letters, digits, '_').");
        }
        if (!string.IsNullOrEmpty(ingest.Columns.EventType) && (ingest.EventWeights is null || ingest.EventWeights.Count == 0))
        {
            throw new ConfigurationException("ingest:eventWeights", "must give a weight per event type when ingest:columns:eventType is mapped.");
        }
        if (ingest.IterativeMinSupport)
        {
            throw new ConfigurationException("ingest:iterativeMinSupport", "the iterative k-core filter runs on the local engine only; set it to false for run:engine spark (one pass of the minimum-support filter runs in Spark SQL).");
        }
        if (!string.IsNullOrEmpty(ingest.QuarantinePath))
        {
            throw new ConfigurationException("ingest:quarantinePath", "rejected rows are counted but not written out by the Spark engine; remove the key for run:engine spark.");
        }
        if (config.Split.Kind != "global")
        {
            throw new ConfigurationException("split:kind", $"'{config.Split.Kind}' is not available on the Spark engine, which trains the evaluation model on the events before one global cutoff; use global.");
        }
        if (config.Split.RollingOrigins > 0)
        {
            throw new ConfigurationException("split:rollingOrigins", "rolling origins run on the local engine only; set 0 for run:engine spark.");
        }
        if (config.Tuning.Enabled)
        {
            throw new ConfigurationException("tuning:enabled", "the parameter search runs on the local engine only; set false for run:engine spark (tune locally on a sample, then copy the parameters into als).");
        }
    }

    private static void RequireColumn(string key, string? column, bool required)
    {
        if (string.IsNullOrEmpty(column))
        {
            if (required)
            {
                throw new ConfigurationException(key, "must name a column for run:engine spark (the engine applies no format defaults).");
            }
            return;
        }
        if (!SparkSettings.IsPlainIdentifier(column))
        {
            throw new ConfigurationException(key, $"'{column}' must be a column name of letters, digits and '_' for run:engine spark (column numbers are not supported: give the files a header).");
        }
    }
}
