using System.Text;
using SparkRecs.Warehouse.Cleaning;
using SparkRecs.Warehouse.Discovery;
using SparkRecs.Warehouse.Reading;
using SparkRecs.Warehouse.Validation;

namespace SparkRecs.Warehouse.Ingest;

/// <summary>
/// What an ingest read and what it kept, for the run manifest and the logs. Row counts add up:
/// <c>RowsRead = RowsRejected + OutsideWindow + DuplicatesRemoved + Bots.RowsRemoved + MinSupport.RowsRemoved + Events</c>.
/// </summary>
public sealed record IngestReport
{
    /// <summary>The days read: the window clipped to the partitions found, the window itself for an undated source, or null when an undated source is read whole.</summary>
    public required DayRange? Days { get; init; }

    /// <summary>Days of a date-partitioned window with no rows at all (no partition, empty files, or only a header); empty for undated sources.</summary>
    public required IReadOnlyList<DateOnly> MissingDays { get; init; }

    /// <summary>Files read.</summary>
    public required int FilesRead { get; init; }

    /// <summary>Stored bytes of the files read (compressed size for <c>.gz</c>).</summary>
    public required long BytesRead { get; init; }

    /// <summary>Data rows seen (header rows and blank lines excluded).</summary>
    public required long RowsRead { get; init; }

    /// <summary>Rows that passed validation (before de-duplication and filters).</summary>
    public required long RowsAccepted { get; init; }

    /// <summary>Rows rejected, in total.</summary>
    public required long RowsRejected { get; init; }

    /// <summary>Rejected rows per reason (only reasons that occurred).</summary>
    public required IReadOnlyDictionary<RejectReason, long> Rejections { get; init; }

    /// <summary>The first few rejected rows with file and line.</summary>
    public required IReadOnlyList<RejectedRow> FirstRejections { get; init; }

    /// <summary>Rows written to the quarantine file, and its path (null when none is configured).</summary>
    public required int QuarantinedRows { get; init; }

    /// <summary>The quarantine file, or null.</summary>
    public required string? QuarantinePath { get; init; }

    /// <summary>Rows of an undated source whose timestamp fell outside the window.</summary>
    public required long OutsideWindow { get; init; }

    /// <summary>Exact duplicate events removed.</summary>
    public required long DuplicatesRemoved { get; init; }

    /// <summary>What the bot rule dropped.</summary>
    public required BotRuleReport Bots { get; init; }

    /// <summary>What the minimum-support filter dropped.</summary>
    public required MinSupportReport MinSupport { get; init; }

    /// <summary>Events in the result.</summary>
    public required int Events { get; init; }

    /// <summary>Distinct users in the result.</summary>
    public required int Users { get; init; }

    /// <summary>Distinct items in the result.</summary>
    public required int Items { get; init; }

    /// <summary>Wall-clock time of the ingest.</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>A multi-line human summary for logs.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        text.AppendLine($"window {Days?.ToString() ?? "all"}: {FilesRead} files, {BytesRead:N0} bytes, {RowsRead:N0} rows in {Elapsed.TotalSeconds:F1} s");
        text.AppendLine($"accepted {RowsAccepted:N0}, rejected {RowsRejected:N0} ({string.Join(", ", Rejections.Select(r => $"{r.Key} {r.Value:N0}"))}), outside window {OutsideWindow:N0}");
        text.AppendLine($"duplicates {DuplicatesRemoved:N0}; bots {Bots.DroppedUsers.Count} ({Bots.RowsRemoved:N0} events, threshold {Bots.Threshold:N0}{(Bots.DroppedUsers.Count > 0 ? ": " + string.Join(", ", Bots.DroppedUsers.Take(10).Select(b => $"{b.Key} {b.Events:N0}")) : "")})");
        text.AppendLine($"min support removed {MinSupport.RowsRemoved:N0} events, {MinSupport.UsersRemoved:N0} users, {MinSupport.ItemsRemoved:N0} items in {MinSupport.Passes} passes");
        text.Append($"result {Events:N0} events, {Users:N0} users, {Items:N0} items");
        if (MissingDays.Count > 0)
        {
            text.AppendLine().Append($"missing days ({MissingDays.Count}): {string.Join(", ", MissingDays.Take(20).Select(d => d.ToString("yyyy-MM-dd")))}{(MissingDays.Count > 20 ? ", ..." : "")}");
        }
        return text.ToString();
    }
}
