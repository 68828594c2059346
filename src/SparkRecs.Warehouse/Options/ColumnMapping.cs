namespace SparkRecs.Warehouse.Options;

/// <summary>
/// Which column of the event files holds each field (config section <c>ingest:columns</c>).
/// </summary>
/// <remarks>
/// A column is named by its header name, or by its zero-based index written as digits (<c>"0"</c>)
/// for files without a header; a header name is matched first (ordinal, case-insensitive), so a
/// column literally named <c>"3"</c> still works. A name that is not a file column but a partition
/// key (<c>dt</c>, <c>region</c>) takes the partition's value for every row of the file, which is
/// how a table without a timestamp column can use its <c>dt</c> folder as the event time.
/// Unset (null) entries fall back to the format's defaults (<see cref="DefaultFor"/>); an empty
/// string unmaps a default (<c>"timestamp": ""</c> takes event times from the <c>dt</c> folder).
/// </remarks>
public sealed record ColumnMapping
{
    /// <summary>The user key column (required after defaults).</summary>
    public string? User { get; init; }

    /// <summary>The item key column (required after defaults).</summary>
    public string? Item { get; init; }

    /// <summary>The event time column; when unmapped, the partition date (midnight UTC) or 0.</summary>
    public string? Timestamp { get; init; }

    /// <summary>The rating or weight column; see <see cref="IngestOptions"/> for how it combines with event weights.</summary>
    public string? Value { get; init; }

    /// <summary>The event type column (view, cart, purchase...), weighted through <see cref="IngestOptions.EventWeights"/>.</summary>
    public string? EventType { get; init; }

    /// <summary>The mapping a format implies when the config names no columns.</summary>
    public static ColumnMapping DefaultFor(EventFormat format) => format switch
    {
        EventFormat.MovieLens100K => new ColumnMapping { User = "0", Item = "1", Value = "2", Timestamp = "3" },
        EventFormat.MovieLensCsv => new ColumnMapping { User = "userId", Item = "movieId", Value = "rating", Timestamp = "timestamp" },
        _ => new ColumnMapping { User = "user_id", Item = "item_id", Timestamp = "timestamp" },
    };

    /// <summary>This mapping with every unset entry taken from <paramref name="defaults"/>.</summary>
    public ColumnMapping Or(ColumnMapping defaults) => new()
    {
        User = User ?? defaults.User,
        Item = Item ?? defaults.Item,
        Timestamp = Timestamp ?? defaults.Timestamp,
        Value = Value ?? defaults.Value,
        EventType = EventType ?? defaults.EventType,
    };
}
