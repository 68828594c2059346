using SparkRecs.Warehouse.Reading;

namespace SparkRecs.Bench.ReaderRuns;

/// <summary>
/// A sink that only counts rows and key characters: measures a reader alone (splitting, decoding,
/// decompression), without the ingest's validation and key mapping.
/// </summary>
public sealed class CountingSink : IEventSink
{
    public long Rows { get; private set; }

    public long KeyChars { get; private set; }

    public void OnEvent(in EventFields fields)
    {
        Rows++;
        KeyChars += fields.User.Length + fields.Item.Length + fields.EventType.Length;
    }

    public void OnMalformed(long line, RejectReason reason, ReadOnlySpan<char> raw, string detail) => Rows++;

    public void OnRowGroupSkipped(long rows) => Rows += rows;

    public void OnBytesRead(long bytes)
    {
    }
}
