using SparkRecs.Warehouse.Reading;

namespace SparkRecs.Warehouse.Tests.TestSupport;

/// <summary>An <see cref="IEventSink"/> that keeps every row as strings, for reader tests.</summary>
public sealed class CollectingSink : IEventSink
{
    public List<(long Line, string User, string Item, string Timestamp, string Value, string EventType)> Events { get; } = [];

    public List<(long Line, RejectReason Reason, string Raw)> Malformed { get; } = [];

    public long LastBytes { get; private set; }

    public void OnEvent(in EventFields fields)
        => Events.Add((fields.Line, fields.User.ToString(), fields.Item.ToString(), fields.Timestamp.ToString(), fields.Value.ToString(), fields.EventType.ToString()));

    public void OnMalformed(long line, RejectReason reason, ReadOnlySpan<char> raw, string detail)
        => Malformed.Add((line, reason, raw.ToString()));

    public void OnBytesRead(long bytes) => LastBytes = bytes;
}
