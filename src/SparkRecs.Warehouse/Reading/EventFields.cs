namespace SparkRecs.Warehouse.Reading;

/// <summary>
/// One event as a reader found it: each mapped field as text, pointing into the reader's buffer.
/// </summary>
/// <remarks>
/// The spans are valid only during the <see cref="IEventSink.OnEvent"/> call that receives them;
/// the sink copies what it keeps (keys go through <see cref="Core.Data.KeyIndex"/>, which only
/// allocates for a key seen for the first time). An unmapped field is empty. Readers of typed
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
}
