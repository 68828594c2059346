using System.Buffers.Binary;

namespace SparkRecs.Spark.Arrow.Ipc;

/// <summary>
/// The framing of an IPC stream ("encapsulated messages" in the Arrow IPC specification), over bytes
/// that subclasses fetch from memory or from a <see cref="Stream"/>:
/// <code>
/// 0xFFFFFFFF (continuation marker) | int32 metadata length | Message flatbuffer, padded | body
/// </code>
/// Streams written before Arrow 0.15 omit the marker (the "legacy" form): the first int32 is then the
/// length itself, which can never be -1, so both forms are told apart by that word. A zero length (in
/// either form) is the end-of-stream marker; running out of data exactly between two messages is also an
/// end (the specification allows a writer to just close the stream); anywhere else it is a truncation.
/// </summary>
internal abstract class IpcMessageSource
{
    /// <summary>Metadata longer than this is refused as corrupt before anything is allocated: real schema
    /// and batch headers are kilobytes, and a damaged length must not trigger a multi-gigabyte allocation.</summary>
    public const int MaxMetadataLength = 64 << 20;

    private const int ContinuationMarker = -1;

    /// <summary>Bytes consumed so far (for messages that say where damage was found).</summary>
    public long Position { get; protected set; }

    /// <summary>Reads the next message's metadata (without its 8-byte or 4-byte prefix and with its padding).</summary>
    public IpcFrame ReadMetadata(IpcContext context, out ReadOnlyMemory<byte> metadata)
    {
        metadata = ReadOnlyMemory<byte>.Empty;
        long start = Position;
        Span<byte> word = stackalloc byte[4];
        int got = ReadUpTo(word);
        if (got == 0)
        {
            return IpcFrame.EndOfData;
        }

        RequireComplete(context, got, 4, start, "the metadata length prefix");
        int length = BinaryPrimitives.ReadInt32LittleEndian(word);
        if (length == ContinuationMarker)
        {
            got = ReadUpTo(word);
            RequireComplete(context, got, 4, start, "the metadata length after the continuation marker");
            length = BinaryPrimitives.ReadInt32LittleEndian(word);
        }

        if (length == 0)
        {
            return IpcFrame.EndMarker;
        }

        if (length < 0 || length > MaxMetadataLength)
        {
            throw context.Corrupt(null, $"the message at byte {start} declares a metadata length of {length} bytes "
                                        + $"(must be between 1 and {MaxMetadataLength})");
        }

        metadata = ReadBlock(context, length, $"the {length}-byte metadata of the message at byte {start}");
        return IpcFrame.Message;
    }

    /// <summary>Reads a message body of <paramref name="length"/> bytes.</summary>
    public ReadOnlyMemory<byte> ReadBody(IpcContext context, long length)
    {
        if (length < 0 || length > Array.MaxLength)
        {
            throw length < 0
                ? context.Corrupt(null, $"negative body length {length}")
                : context.Unsupported(null, $"a message body of {length} bytes (at most {Array.MaxLength})",
                    "Lower spark.sql.execution.arrow.maxRecordsPerBatch so each batch stays under 2 GiB.");
        }

        return ReadBlock(context, (int)length, $"the {length}-byte body of the message ending at byte {Position}");
    }

    /// <summary>
    /// Whether any byte follows the end-of-stream marker (a stream source reads one byte to know). The
    /// reader refuses such data: a shortened metadata length can make padding zeros look like the marker,
    /// and two streams concatenated would otherwise lose the second silently.
    /// </summary>
    public abstract bool HasTrailingData();

    /// <summary>Fills as much of <paramref name="destination"/> as the data allows; fewer bytes only at the end.</summary>
    protected abstract int ReadUpTo(Span<byte> destination);

    /// <summary>Reads exactly <paramref name="length"/> bytes, or throws a truncation error naming <paramref name="what"/>.</summary>
    protected abstract ReadOnlyMemory<byte> ReadBlock(IpcContext context, int length, string what);

    protected static ArrowFormatException Truncated(IpcContext context, string what, long available) =>
        context.Corrupt(null, $"the stream ends inside {what} ({available} bytes were left)");

    private static void RequireComplete(IpcContext context, int got, int needed, long start, string what)
    {
        if (got < needed)
        {
            throw Truncated(context, $"{what} at byte {start}", got);
        }
    }
}
