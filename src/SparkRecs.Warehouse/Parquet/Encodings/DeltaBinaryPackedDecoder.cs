namespace SparkRecs.Warehouse.Parquet.Encodings;

/// <summary>
/// DELTA_BINARY_PACKED decoder. Layout: a header <c>&lt;block size&gt; &lt;miniblocks per block&gt;
/// &lt;total value count&gt; &lt;first value (zigzag)&gt;</c>, then blocks of
/// <c>&lt;min delta (zigzag)&gt; &lt;one bit-width byte per miniblock&gt; &lt;miniblocks&gt;</c>.
/// Value k+1 = value k + min delta + packed delta k, in wrapping two's-complement arithmetic (so INT32
/// columns decode correctly by truncating the 64-bit result). Only the miniblocks that hold values are
/// present in the last block, each padded to its full size.
/// </summary>
internal static class DeltaBinaryPackedDecoder
{
    /// <summary>Reads the total value count from the header without decoding.</summary>
    public static int PeekCount(ReadOnlySpan<byte> data)
    {
        var cursor = new ByteCursor(data);
        cursor.ReadUleb128();
        cursor.ReadUleb128();
        return cursor.ReadCount("DELTA_BINARY_PACKED value count");
    }

    /// <summary>
    /// Decodes all values into <paramref name="destination"/> (which must be at least the header's count
    /// long) and returns the number of bytes the encoded stream occupies.
    /// </summary>
    public static int Decode(ReadOnlySpan<byte> data, Span<long> destination, out int count)
    {
        var cursor = new ByteCursor(data);
        int blockSize = cursor.ReadCount("DELTA_BINARY_PACKED block size");
        int miniblocks = cursor.ReadCount("DELTA_BINARY_PACKED miniblock count");
        count = cursor.ReadCount("DELTA_BINARY_PACKED value count");
        long first = cursor.ReadZigZag();
        if (miniblocks <= 0 || blockSize <= 0 || blockSize % miniblocks != 0 || (blockSize / miniblocks) % 8 != 0)
        {
            throw new InvalidDataException($"DELTA_BINARY_PACKED block size {blockSize} with {miniblocks} miniblocks is invalid");
        }

        if (count > destination.Length)
        {
            throw new InvalidDataException($"DELTA_BINARY_PACKED holds {count} values where {destination.Length} were expected");
        }

        if (count == 0)
        {
            return cursor.Position;
        }

        int perMiniblock = blockSize / miniblocks;
        destination[0] = first;
        long previous = first;
        int produced = 1;
        Span<byte> widths = miniblocks <= 256 ? stackalloc byte[miniblocks] : new byte[miniblocks];
        while (produced < count)
        {
            long minDelta = cursor.ReadZigZag();
            cursor.Take(miniblocks).CopyTo(widths);
            for (int m = 0; m < miniblocks && produced < count; m++)
            {
                int width = widths[m];
                if (width > 64)
                {
                    throw new InvalidDataException($"DELTA_BINARY_PACKED miniblock bit width {width} exceeds 64");
                }

                int n = Math.Min(perMiniblock, count - produced);
                int bytes = perMiniblock / 8 * width;
                ReadOnlySpan<byte> packed = cursor.Rest.Slice(0, Math.Min(bytes, cursor.Remaining));
                if ((long)packed.Length * 8 < (long)n * width)
                {
                    throw new InvalidDataException("DELTA_BINARY_PACKED miniblock runs past the end of the page");
                }

                Span<long> target = destination.Slice(produced, n);
                BitUnpacker.Unpack64(packed, 0, width, target);
                for (int i = 0; i < target.Length; i++)
                {
                    previous = unchecked(previous + minDelta + target[i]);
                    target[i] = previous;
                }

                cursor.Position += packed.Length;
                produced += n;
            }
        }

        return cursor.Position;
    }
}
