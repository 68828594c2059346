namespace SparkRecs.Warehouse.Reading;

/// <summary>
/// One event as a reader found it: each mapped field as text, pointing into the reader's buffer.
/// </summary>
/// <remarks>
/// The spans are valid only during the <see cref="IEventSink.OnEvent"/> call that receives them;
/// the sink copies what it keeps (keys go through <see cref="Core.Data.KeyIndex"/>, which only
/// allocates for a key seen for the first time, and not even then for a plain integer key). An unmapped field is empty. Readers of typed
/// formats (Parquet) format numbers into a stack buffer (<c>long.TryFormat</c>) rather than
/// allocating strings.
/// </remarks>
public readonly ref struct EventFields
{
    /// <summary>Bundles the fields of one row.</summary>
    public EventFields(long line, ReadOnlySpan<char> user, ReadOnlySpan<char> item, ReadOnlySpan<char> timestamp, ReadOnlySpan<char> value, ReadOnlySpan<char> eventType, ReadOnlySpan<char> raw)
    {
        Line = line;
        User = user;
        Item = item;
        Timestamp = timestamp;
        Value = value;
        EventType = eventType;
        Raw = raw;
    }

    /// <summary>1-based line of the row in its file (row number for binary formats), for error messages.</summary>
    public long Line { get; }

    /// <summary>The user key.</summary>
    public ReadOnlySpan<char> User { get; }

    /// <summary>The item key.</summary>
    public ReadOnlySpan<char> Item { get; }

    /// <summary>The event time as written.</summary>
    public ReadOnlySpan<char> Timestamp { get; }

    /// <summary>The rating or weight as written.</summary>
    public ReadOnlySpan<char> Value { get; }

    /// <summary>The event type as written.</summary>
    public ReadOnlySpan<char> EventType { get; }

    /// <summary>The row's raw text (or a rendering of it), for the quarantine file.</summary>
    public ReadOnlySpan<char> Raw { get; }

    /// <summary>
    /// The event time already in Unix milliseconds, from a typed column (Parquet TIMESTAMP, INT96, DATE);
    /// when set, the sink takes it as is instead of parsing <see cref="Timestamp"/>. Null for text formats
    /// and for a null typed value (which then counts as a missing timestamp).
    /// </summary>
    public long? TimestampMs { get; init; }

    /// <summary>
    /// The user key's entry in the reader's current key dictionary (see <see cref="IEventSink.OnKeyDictionaries"/>),
    /// or null when the key is not dictionary-encoded. Rows with the same entry have the same key text, so the
    /// sink may map the entry to an id once.
    /// </summary>
    public int? UserEntry { get; init; }

    /// <summary>The item key's entry in the reader's current key dictionary, or null; see <see cref="UserEntry"/>.</summary>
    public int? ItemEntry { get; init; }
}
