using System.Runtime.ExceptionServices;
using SparkRecs.Spark.Arrow.Ipc;

namespace SparkRecs.Spark.Arrow;

/// <summary>
/// Reads an Arrow IPC stream (the format of Spark Connect's <c>ArrowBatch.data</c>): a Schema message,
/// then RecordBatch messages, then an optional end-of-stream marker. Written from the Arrow columnar
/// format and IPC specifications, with its own bounds-checked Flatbuffers reader, because the
/// Apache.Arrow package is not available to this build.
/// <para>
/// The schema is read by the constructor; <see cref="ReadNextBatch"/> returns the batches one at a time.
/// Over a <see cref="ReadOnlyMemory{T}"/> every column is a view of the caller's bytes (no copy: keep them
/// unchanged while batches are in use); over a <see cref="Stream"/> each message body is read into one
/// array that its batch's columns share.
/// </para>
/// <para>
/// Everything that is not an exact, supported stream fails with <see cref="ArrowFormatException"/> naming
/// the message index and field path: truncation, lengths or buffers out of range, misaligned buffers,
/// decreasing offsets, types outside <see cref="ArrowTypeKind"/>, dictionary batches, compressed bodies
/// (LZ4_FRAME, ZSTD), big-endian data. Data that ends cleanly between two messages ends the stream, as the
/// IPC specification allows; <see cref="EndMarkerSeen"/> tells whether the writer closed it explicitly, and
/// a caller that knows the expected row count (Spark's <c>ArrowBatch.row_count</c>) should compare it.
/// The reader owns the rest of the input: a byte after the end-of-stream marker is refused as corrupt.
/// </para>
/// <para>Not thread-safe; the batches it returns are immutable and may be shared.</para>
/// </summary>
public sealed class ArrowStreamReader
{
    /// <summary>The stream description used in errors when the caller gives none.</summary>
    public const string DefaultSource = "Arrow IPC stream";

    private readonly IpcMessageSource _messages;
    private readonly string _source;
    private int _nextMessage;
    private ExceptionDispatchInfo? _failure;

    /// <summary>Opens a stream held in memory and reads its schema.</summary>
    /// <param name="data">The whole stream (e.g. <c>ArrowBatch.Data.Memory</c>).</param>
    /// <param name="source">What the stream is, for error messages (e.g. <c>ExecutePlan response 3 of operation 42</c>).</param>
    /// <exception cref="ArrowFormatException">The schema message is missing, damaged or uses a refused type.</exception>
    public ArrowStreamReader(ReadOnlyMemory<byte> data, string source = DefaultSource)
        : this(new MemoryMessageSource(data), source)
    {
    }

    /// <summary>Opens a stream read sequentially (the reader does not dispose it) and reads its schema.</summary>
    /// <param name="stream">Positioned at the first byte of the IPC stream.</param>
    /// <param name="source">What the stream is, for error messages.</param>
    /// <exception cref="ArrowFormatException">The schema message is missing, damaged or uses a refused type.</exception>
    public ArrowStreamReader(Stream stream, string source = DefaultSource)
        : this(new StreamMessageSource(stream ?? throw new ArgumentNullException(nameof(stream))), source)
    {
    }

    /// <summary>Opens a stream over any message source (tests use it to shrink the stream source's first allocation).</summary>
    internal ArrowStreamReader(IpcMessageSource messages, string source)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        if (!BitConverter.IsLittleEndian)
        {
            // Column views reinterpret the little-endian body in place.
            throw new PlatformNotSupportedException("The Arrow reader needs a little-endian processor (x86-64 or ARM64).");
        }

        _messages = messages;
        _source = source;
        Schema = ReadSchema();
    }

    /// <summary>The stream's schema.</summary>
    public ArrowSchema Schema { get; }

    /// <summary>Whether the end of the stream was reached (marker or end of data).</summary>
    public bool IsCompleted { get; private set; }

    /// <summary>Whether the stream ended with an explicit end-of-stream marker rather than just running out.</summary>
    public bool EndMarkerSeen { get; private set; }

    /// <summary>Number of record batches returned so far.</summary>
    public int BatchesRead { get; private set; }

    /// <summary>The next record batch, or null at the end of the stream.</summary>
    /// <exception cref="ArrowFormatException">
    /// The next message is damaged or uses a refused feature. The reader is then failed: the position in
    /// the stream is no longer trustworthy, so every later call throws the same error.
    /// </exception>
    public ArrowRecordBatch? ReadNextBatch()
    {
        _failure?.Throw();
        try
        {
            return ReadNextMessage();
        }
        catch (ArrowFormatException ex)
        {
            _failure = ExceptionDispatchInfo.Capture(ex);
            throw;
        }
    }

    /// <summary>Reads every remaining record batch.</summary>
    /// <exception cref="ArrowFormatException">A message is damaged or uses a refused feature.</exception>
    public IReadOnlyList<ArrowRecordBatch> ReadAllBatches()
    {
        var batches = new List<ArrowRecordBatch>();
        while (ReadNextBatch() is { } batch)
        {
            batches.Add(batch);
        }

        return batches;
    }

    private ArrowRecordBatch? ReadNextMessage()
    {
        var context = new IpcContext(_source, _nextMessage);
        if (IsCompleted || !TryReadMessage(context, out ReadOnlyMemory<byte> metadata, out byte headerType, out ReadOnlyMemory<byte> body))
        {
            return null;
        }

        switch (headerType)
        {
            case FlatbufSchema.HeaderRecordBatch:
                ArrowRecordBatch batch = MessageDecoder.DecodeRecordBatch(metadata.Span, body, Schema, context);
                BatchesRead++;
                return batch;
            case FlatbufSchema.HeaderSchema:
                throw context.Corrupt(null, "a second Schema message (a stream has exactly one, first)");
            case FlatbufSchema.HeaderDictionaryBatch:
                throw context.Unsupported(null, "a DictionaryBatch message (dictionary encoding)",
                    "Spark does not dictionary-encode query results; read the stream from a producer that writes plain arrays.");
            case FlatbufSchema.HeaderTensor or FlatbufSchema.HeaderSparseTensor:
                throw context.Unsupported(null, $"a {FlatbufSchema.HeaderName(headerType)} message");
            default:
                throw context.Corrupt(null, $"a message with {FlatbufSchema.HeaderName(headerType)}");
        }
    }

    private ArrowSchema ReadSchema()
    {
        var context = new IpcContext(_source, 0);
        if (!TryReadMessage(context, out ReadOnlyMemory<byte> metadata, out byte headerType, out _))
        {
            throw context.Corrupt(null, "the stream has no Schema message (it is empty or starts with the end-of-stream marker)");
        }

        if (headerType != FlatbufSchema.HeaderSchema)
        {
            throw context.Corrupt(null, $"the first message is {FlatbufSchema.HeaderName(headerType)}, not Schema");
        }

        return MessageDecoder.DecodeSchema(metadata.Span, context);
    }

    private bool TryReadMessage(IpcContext context, out ReadOnlyMemory<byte> metadata, out byte headerType, out ReadOnlyMemory<byte> body)
    {
        headerType = 0;
        body = ReadOnlyMemory<byte>.Empty;
        switch (_messages.ReadMetadata(context, out metadata))
        {
            case IpcFrame.EndOfData:
                IsCompleted = true;
                return false;
            case IpcFrame.EndMarker:
                IsCompleted = true;
                EndMarkerSeen = true;
                if (_messages.HasTrailingData())
                {
                    throw context.Corrupt(null, $"data follows the end-of-stream marker ending at byte {_messages.Position} "
                                                + "(two streams concatenated, or a damaged length)");
                }

                return false;
        }

        (headerType, long bodyLength) = MessageDecoder.ReadEnvelope(metadata.Span, context);
        body = _messages.ReadBody(context, bodyLength);
        _nextMessage++;
        return true;
    }
}
