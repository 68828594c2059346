namespace SparkRecs.Spark.Arrow.Ipc;

/// <summary>Frames messages of a stream held in memory; metadata and bodies are slices, never copies.</summary>
internal sealed class MemoryMessageSource(ReadOnlyMemory<byte> data) : IpcMessageSource
{
    public override bool HasTrailingData() => Position < data.Length;

    protected override int ReadUpTo(Span<byte> destination)
    {
        int count = (int)Math.Min(destination.Length, data.Length - Position);
        data.Span.Slice((int)Position, count).CopyTo(destination);
        Position += count;
        return count;
    }

    protected override ReadOnlyMemory<byte> ReadBlock(IpcContext context, int length, string what)
    {
        long available = data.Length - Position;
        if (length > available)
        {
            throw Truncated(context, what, available);
        }

        ReadOnlyMemory<byte> block = data.Slice((int)Position, length);
        Position += length;
        return block;
    }
}
