namespace SparkRecs.Warehouse.Parquet.Encodings;

/// <summary>
/// BYTE_STREAM_SPLIT decoder: for N values of K bytes the page holds K streams of N bytes, stream j
/// holding byte j of every value. Decoding interleaves them back: out[i*K + j] = in[j*N + i].
/// </summary>
internal static class ByteStreamSplitDecoder
{
    public static void Decode(ReadOnlySpan<byte> source, int width, int count, Span<byte> destination)
    {
        if ((long)width * count > source.Length)
        {
            throw new InvalidDataException($"BYTE_STREAM_SPLIT page holds {source.Length} bytes, {width * (long)count} needed");
        }

        for (int j = 0; j < width; j++)
        {
            ReadOnlySpan<byte> stream = source.Slice(j * count, count);
            for (int i = 0; i < count; i++)
            {
                destination[(i * width) + j] = stream[i];
            }
        }
    }
}
