using SparkRecs.Core.Errors;
using SparkRecs.Warehouse.Options;

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

    /// <summary>The column mapping with the format's defaults filled in, as the local ingest fills them (user_id, item_id, timestamp).</summary>
    public static ColumnMapping Columns(IngestOptions ingest) =>
        EventFormats.TryParse(ingest.Format, out EventFormat format) ? ingest.Columns.Or(ColumnMapping.DefaultFor(format)) : ingest.Columns;

    public static void Validate(JobConfig config)
    {
        var ingest = config.Ingest;
        string format = ingest.Format.Trim().ToLowerInvariant();
        if (!Formats.Contains(format))
        {
            throw new ConfigurationException("ingest:format", $"'{ingest.Format}' cannot be read by the Spark engine; set one of {string.Join(", ", Formats)} (the cluster cannot guess a format from file names).");
        }
        string timestampFormat = ingest.TimestampFormat.Trim().ToLowerInvariant();
        var columns = Columns(ingest);
        bool timestampMapped = !string.IsNullOrEmpty(columns.Timestamp);
        if (timestampMapped && timestampFormat is not ("unix-seconds" or "unix-millis" or "iso8601"))
        {
            throw new ConfigurationException("ingest:timestampFormat", $"'{ingest.TimestampFormat}' is not usable by the Spark engine; set unix-seconds, unix-millis or iso8601.");
        }
        RequireColumn("ingest:columns:user", columns.User, required: true);
        RequireColumn("ingest:columns:item", columns.Item, required: true);
        RequireColumn("ingest:columns:timestamp", columns.Timestamp, required: false);
        RequireColumn("ingest:columns:value", columns.Value, required: false);
        RequireColumn("ingest:columns:eventType", columns.EventType, required: false);
        if (!SparkSettings.IsPlainIdentifier(ingest.Partitioning.DateKey))
        {
            throw new ConfigurationException("ingest:partitioning:dateKey", $"'{ingest.Partitioning.DateKey}' must be a plain column name (letters, digits, '_').");
        }
        if (!string.IsNullOrEmpty(columns.EventType) && (ingest.EventWeights is null || ingest.EventWeights.Count == 0))
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
                throw new ConfigurationException(key, "must name a column for run:engine spark.");
            }
            return;
        }
        if (!SparkSettings.IsPlainIdentifier(column))
        {
            throw new ConfigurationException(key, $"'{column}' must be a column name of letters, digits and '_' for run:engine spark (column numbers are not supported: give the files a header).");
        }
    }
}
