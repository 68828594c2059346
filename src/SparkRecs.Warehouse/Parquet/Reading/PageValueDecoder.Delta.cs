using System.Runtime.InteropServices;
using SparkRecs.Warehouse.Parquet.Encodings;

namespace SparkRecs.Warehouse.Parquet.Reading;

/// <summary>The delta encodings and BYTE_STREAM_SPLIT.</summary>
internal static partial class PageValueDecoder
{
    /// <summary>DELTA_BINARY_PACKED for INT32 and INT64 columns.</summary>
    public static void DecodeDeltaBinaryPacked(ReadOnlySpan<byte> source, ColumnBuffer buffer, int slot, int count, DecodeScratch scratch)
    {
        if (buffer.Type is not (ParquetPhysicalType.Int32 or ParquetPhysicalType.Int64))
        {
            throw new InvalidDataException($"DELTA_BINARY_PACKED on a {buffer.Type} column");
        }

        Span<long> values = scratch.Longs(Math.Max(count, 1));
        DeltaBinaryPackedDecoder.Decode(source, values, out int decoded);
        if (decoded != count)
        {
            throw new InvalidDataException($"DELTA_BINARY_PACKED holds {decoded} values where the page declares {count}");
        }

        if (buffer.Type == ParquetPhysicalType.Int64)
        {
            values.Slice(0, count).CopyTo(buffer.Int64s.AsSpan(slot, count));
            return;
        }

        Span<int> target = buffer.Int32s.AsSpan(slot, count);
        for (int i = 0; i < count; i++)
        {
            target[i] = unchecked((int)values[i]);
        }
    }

    /// <summary>DELTA_LENGTH_BYTE_ARRAY: all lengths (DELTA_BINARY_PACKED), then all bytes concatenated.</summary>
    public static void DecodeDeltaLengthByteArray(ReadOnlySpan<byte> source, ColumnBuffer buffer, int slot, int count, DecodeScratch scratch)
    {
        RequireBinary(buffer, "DELTA_LENGTH_BYTE_ARRAY");
        Span<long> lengths = scratch.Longs(Math.Max(count, 1));
        int consumed = DeltaBinaryPackedDecoder.Decode(source, lengths, out int decoded);
        if (decoded != count)
        {
            throw new InvalidDataException($"DELTA_LENGTH_BYTE_ARRAY holds {decoded} lengths where the page declares {count}");
        }

        ReadOnlySpan<byte> data = source.Slice(consumed);
        int position = 0;
        for (int i = 0; i < count; i++)
        {
            long length = lengths[i];
            if (length < 0 || length > data.Length - position)
            {
                throw new InvalidDataException($"DELTA_LENGTH_BYTE_ARRAY value of length {length} runs past the end of the page");
            }

            buffer.AppendBytes(slot + i, data.Slice(position, (int)length));
            position += (int)length;
        }
    }

    /// <summary>
    /// DELTA_BYTE_ARRAY (incremental encoding): prefix lengths, then suffix lengths (both DELTA_BINARY_PACKED),
    /// then the suffix bytes; value i = the first prefix[i] bytes of value i-1 followed by suffix i.
    /// </summary>
    public static void DecodeDeltaByteArray(ReadOnlySpan<byte> source, ColumnBuffer buffer, int slot, int count, DecodeScratch scratch)
    {
        RequireBinary(buffer, "DELTA_BYTE_ARRAY");
        Span<long> prefixes = scratch.Longs(Math.Max(count, 1));
        int consumed = DeltaBinaryPackedDecoder.Decode(source, prefixes, out int prefixCount);
        Span<long> suffixes = scratch.SecondLongs(Math.Max(count, 1));
        consumed += DeltaBinaryPackedDecoder.Decode(source.Slice(consumed), suffixes, out int suffixCount);
        if (prefixCount != count || suffixCount != count)
        {
            throw new InvalidDataException($"DELTA_BYTE_ARRAY holds {prefixCount} prefixes and {suffixCount} suffixes where the page declares {count}");
        }

        ReadOnlySpan<byte> data = source.Slice(consumed);
        int position = 0;
        int previousStart = 0;
        int previousLength = 0;
        for (int i = 0; i < count; i++)
        {
            long prefix = prefixes[i];
            long suffix = suffixes[i];
            if (prefix < 0 || prefix > previousLength || suffix < 0 || suffix > data.Length - position)
            {
                throw new InvalidDataException($"DELTA_BYTE_ARRAY value {i} has an impossible prefix {prefix} or suffix {suffix}");
            }

            int start = buffer.ByteLength;
            buffer.AppendPrefixed(slot + i, previousStart, (int)prefix, data.Slice(position, (int)suffix));
            position += (int)suffix;
            previousStart = start;
            previousLength = (int)(prefix + suffix);
        }

        if (buffer.Type == ParquetPhysicalType.FixedLenByteArray)
        {
            CheckFixedWidths(buffer, slot, count);
        }
    }

    /// <summary>BYTE_STREAM_SPLIT for FLOAT, DOUBLE, INT32, INT64 and FIXED_LEN_BYTE_ARRAY.</summary>
    public static void DecodeByteStreamSplit(ReadOnlySpan<byte> source, ColumnBuffer buffer, int slot, int count)
    {
        switch (buffer.Type)
        {
            case ParquetPhysicalType.Int32:
                ByteStreamSplitDecoder.Decode(source, 4, count, MemoryMarshal.AsBytes(buffer.Int32s.AsSpan(slot, count)));
                break;
            case ParquetPhysicalType.Int64:
                ByteStreamSplitDecoder.Decode(source, 8, count, MemoryMarshal.AsBytes(buffer.Int64s.AsSpan(slot, count)));
                break;
            case ParquetPhysicalType.Float:
                ByteStreamSplitDecoder.Decode(source, 4, count, MemoryMarshal.AsBytes(buffer.Floats.AsSpan(slot, count)));
                break;
            case ParquetPhysicalType.Double:
                ByteStreamSplitDecoder.Decode(source, 8, count, MemoryMarshal.AsBytes(buffer.Doubles.AsSpan(slot, count)));
                break;
            case ParquetPhysicalType.FixedLenByteArray:
                int width = buffer.TypeLength;
                byte[] interleaved = new byte[width * count];
                ByteStreamSplitDecoder.Decode(source, width, count, interleaved);
                for (int i = 0; i < count; i++)
                {
                    buffer.AppendBytes(slot + i, interleaved.AsSpan(i * width, width));
                }

                break;
            default:
                throw new InvalidDataException($"BYTE_STREAM_SPLIT on a {buffer.Type} column");
        }
    }

    private static void RequireBinary(ColumnBuffer buffer, string encoding)
    {
        if (!buffer.IsBinary)
        {
            throw new InvalidDataException($"{encoding} on a {buffer.Type} column");
        }
    }

    private static void CheckFixedWidths(ColumnBuffer buffer, int slot, int count)
    {
        for (int i = 0; i < count; i++)
        {
            if (buffer.Offsets![slot + i + 1] - buffer.Offsets[slot + i] != buffer.TypeLength)
            {
                throw new InvalidDataException($"FIXED_LEN_BYTE_ARRAY value is not {buffer.TypeLength} bytes long");
            }
        }
    }
}
