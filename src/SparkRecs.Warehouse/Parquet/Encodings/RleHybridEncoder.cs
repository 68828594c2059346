using System.Buffers;

namespace SparkRecs.Warehouse.Parquet.Encodings;

/// <summary>
/// Encoder for the RLE / bit-packing hybrid (see <see cref="RleBitPackedDecoder"/>). Works in groups of
/// eight values: a group whose values are all equal extends an RLE run, any other group joins a bit-packed
/// run. A final partial group becomes a short RLE run when uniform, otherwise a zero-padded packed group
/// (the reader knows the value count and ignores the padding).
/// </summary>
internal static class RleHybridEncoder
{
    public static void Encode(ReadOnlySpan<int> values, int bitWidth, ArrayBufferWriter<byte> output)
    {
        int i = 0;
        int packedStart = -1;
        while (i < values.Length)
        {
            int groupLength = Math.Min(8, values.Length - i);
            if (IsUniform(values.Slice(i, groupLength)))
            {
                int runEnd = i + groupLength;
                while (runEnd < values.Length && values[runEnd] == values[i])
                {
                    runEnd++;
                }

                // A packed run only ever holds whole groups here (a partial group only occurs at the very end).
                FlushPacked(values, ref packedStart, i, bitWidth, output);
                WriteRle(values[i], runEnd - i, bitWidth, output);
                i = runEnd;
            }
            else
            {
                if (packedStart < 0)
                {
                    packedStart = i;
                }

                i += groupLength;
            }
        }

        FlushPacked(values, ref packedStart, values.Length, bitWidth, output);
    }

    private static bool IsUniform(ReadOnlySpan<int> group)
    {
        for (int k = 1; k < group.Length; k++)
        {
            if (group[k] != group[0])
            {
                return false;
            }
        }

        return true;
    }

    private static void WriteRle(int value, int count, int bitWidth, ArrayBufferWriter<byte> output)
    {
        UnsignedVarint.Write((ulong)count << 1, output);
        int bytes = (bitWidth + 7) / 8;
        Span<byte> span = output.GetSpan(bytes);
        for (int b = 0; b < bytes; b++)
        {
            span[b] = (byte)(value >> (8 * b));
        }

        output.Advance(bytes);
    }

    /// <summary>Writes values [start, end) as bit-packed groups; a partial last group is zero-padded.</summary>
    private static void FlushPacked(ReadOnlySpan<int> values, ref int start, int end, int bitWidth, ArrayBufferWriter<byte> output)
    {
        if (start < 0)
        {
            return;
        }

        int count = end - start;
        int groups = (count + 7) / 8;
        UnsignedVarint.Write(((ulong)groups << 1) | 1, output);
        int bytes = groups * bitWidth;
        Span<byte> span = output.GetSpan(bytes).Slice(0, bytes);
        span.Clear();
        ulong accumulator = 0;
        int pending = 0;
        int position = 0;
        for (int k = 0; k < count; k++)
        {
            accumulator |= (ulong)(uint)values[start + k] << pending;
            pending += bitWidth;
            while (pending >= 8)
            {
                span[position++] = (byte)accumulator;
                accumulator >>= 8;
                pending -= 8;
            }
        }

        if (pending > 0)
        {
            span[position] = (byte)accumulator;
        }

        output.Advance(bytes);
        start = -1;
    }
}
