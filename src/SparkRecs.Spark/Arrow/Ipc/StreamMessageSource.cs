namespace SparkRecs.Spark.Arrow.Ipc;

/// <summary>
/// Frames messages read from a <see cref="Stream"/>, one array per metadata block and per body. Arrays grow
/// as bytes arrive (from 1 MiB, doubling), so a damaged length in a short stream fails as a truncation
/// instead of allocating what the length claims.
/// </summary>
internal sealed class StreamMessageSource(Stream stream, int initialChunk = StreamMessageSource.DefaultInitialChunk) : IpcMessageSource
{
    /// <summary>First allocation for a block; tests pass a small one to exercise the growth path.</summary>
    public const int DefaultInitialChunk = 1 << 20;

    public override bool HasTrailingData()
    {
        Span<byte> probe = stackalloc byte[1];
        return stream.Read(probe) > 0;
    }

    protected override int ReadUpTo(Span<byte> destination)
    {
        int filled = 0;
        while (filled < destination.Length)
        {
            int read = stream.Read(destination[filled..]);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        Position += filled;
        return filled;
    }

    protected override ReadOnlyMemory<byte> ReadBlock(IpcContext context, int length, string what)
    {
        var block = new byte[Math.Min(length, initialChunk)];
        int filled = 0;
        while (filled < length)
        {
            if (filled == block.Length)
            {
                Array.Resize(ref block, (int)Math.Min(length, 2L * block.Length));
            }

            int read = stream.Read(block, filled, block.Length - filled);
            if (read == 0)
            {
                Position += filled;
                throw Truncated(context, what, filled);
            }

            filled += read;
        }

        Position += filled;
        return block;
    }
}
