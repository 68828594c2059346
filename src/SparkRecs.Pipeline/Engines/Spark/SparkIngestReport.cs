using SparkRecs.Core.Data;

namespace SparkRecs.Pipeline.Engines.Spark;

/// <summary>What the cluster read and kept: rows in the window, valid rows, and the cleaned events the driver fetched.</summary>
/// <param name="ReadRows">Rows of the window's partitions.</param>
/// <param name="ValidRows">Rows that passed validation (before dedupe, bots and minimum support).</param>
/// <param name="Events">The cleaned events.</param>
internal sealed record SparkIngestReport(long ReadRows, long ValidRows, InteractionTable Events)
{
    /// <summary>The report's numbers for the run summary.</summary>
    public object Describe() => new
    {
        engine = "spark",
        readRows = ReadRows,
        rejectedRows = ReadRows - ValidRows,
        events = Events.Count,
        users = Events.UserKeys.Count,
        items = Events.ItemKeys.Count,
    };
}
