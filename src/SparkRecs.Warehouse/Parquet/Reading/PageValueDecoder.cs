using System.Buffers.Binary;
using System.Runtime.InteropServices;
using SparkRecs.Warehouse.Parquet.Encodings;

namespace SparkRecs.Warehouse.Parquet.Reading;

/// <summary>
/// Decodes the values section of a page into consecutive slots of a <see cref="ColumnBuffer"/>. Each
/// method writes exactly <c>count</c> non-null values starting at <c>slot</c>; nulls are placed
/// afterwards by <see cref="ColumnBuffer.Spread"/>. Fixed-width plain values are copied as little-endian
/// memory, which is the platform order on every runtime .NET supports for this project (x64, arm64).
/// </summary>
internal static partial class PageValueDecoder
{
    /// <summary>Julian day number of 1970-01-01, the INT96 epoch offset.</summary>
    private const long JulianDayOfUnixEpoch = 2_440_588;
    private const long MicrosPerDay = 86_400_000_000;

    /// <summary>PLAIN: fixed-width little-endian values, bit-packed booleans, length-prefixed byte arrays.</summary>
    public static void DecodePlain(ReadOnlySpan<byte> source, ColumnBuffer buffer, int slot, int count)
    {
        switch (buffer.Type)
        {
            case ParquetPhysicalType.Boolean:
                RequireBytes(source, (count + 7L) / 8);
                Span<bool> bools = buffer.Booleans.AsSpan(slot, count);
                for (int i = 0; i < count; i++)
                {
                    bools[i] = ((source[i >> 3] >> (i & 7)) & 1) != 0;
                }

                break;
            case ParquetPhysicalType.Int32:
                CopyFixed(source, buffer.Int32s.AsSpan(slot, count));
                break;
            case ParquetPhysicalType.Int64:
                CopyFixed(source, buffer.Int64s.AsSpan(slot, count));
                break;
            case ParquetPhysicalType.Float:
                CopyFixed(source, buffer.Floats.AsSpan(slot, count));
                break;
            case ParquetPhysicalType.Double:
                CopyFixed(source, buffer.Doubles.AsSpan(slot, count));
                break;
            case ParquetPhysicalType.Int96:
                RequireBytes(source, 12L * count);
                Span<long> millis = buffer.Int64s.AsSpan(slot, count);
                for (int i = 0; i < count; i++)
                {
                    millis[i] = Int96ToUnixMillis(source.Slice(i * 12, 12));
                }

                break;
            case ParquetPhysicalType.FixedLenByteArray:
                int width = buffer.TypeLength;
                RequireBytes(source, (long)width * count);
                for (int i = 0; i < count; i++)
                {
                    buffer.AppendBytes(slot + i, source.Slice(i * width, width));
                }

                break;
            default:
                int position = 0;
                for (int i = 0; i < count; i++)
                {
                    if (source.Length - position < 4)
                    {
                        throw new InvalidDataException("PLAIN byte array length runs past the end of the page");
                    }

                    int length = BinaryPrimitives.ReadInt32LittleEndian(source.Slice(position));
                    position += 4;
                    if (length < 0 || length > source.Length - position)
                    {
                        throw new InvalidDataException($"PLAIN byte array of length {length} runs past the end of the page");
                    }

                    buffer.AppendBytes(slot + i, source.Slice(position, length));
                    position += length;
                }

                break;
        }
    }

    /// <summary>
    /// INT96 timestamp: bytes 0..7 nanoseconds within the day, bytes 8..11 the Julian day number. Computed the way
    /// Spark reads it back: microseconds = (day - epoch day) * 86,400,000,000 + nanos / 1000 in wrapping 64-bit
    /// arithmetic (Spark wraps when writing instants beyond year ~294,000 BCE/CE, and wrapping again restores
    /// them), then floored to milliseconds.
    /// </summary>
    public static long Int96ToUnixMillis(ReadOnlySpan<byte> twelveBytes)
    {
        long nanosOfDay = BinaryPrimitives.ReadInt64LittleEndian(twelveBytes);
        long julianDay = BinaryPrimitives.ReadInt32LittleEndian(twelveBytes.Slice(8));
        long micros = unchecked(((julianDay - JulianDayOfUnixEpoch) * MicrosPerDay) + (nanosOfDay / 1000));
        long millis = Math.DivRem(micros, 1000, out long remainder);
        return remainder < 0 ? millis - 1 : millis;
    }

    /// <summary>RLE-encoded booleans: a 4-byte length, then the hybrid stream with bit width 1.</summary>
    public static void DecodeRleBooleans(ReadOnlySpan<byte> source, ColumnBuffer buffer, int slot, int count, DecodeScratch scratch)
    {
        if (buffer.Type != ParquetPhysicalType.Boolean)
        {
            throw new InvalidDataException("RLE value encoding on a non-boolean column");
        }

        RequireBytes(source, 4);
        int length = BinaryPrimitives.ReadInt32LittleEndian(source);
        if (length < 0 || length > source.Length - 4)
        {
            throw new InvalidDataException("RLE boolean length runs past the end of the page");
        }

        Span<int> bits = scratch.Ints(count);
        new RleBitPackedDecoder(source.Slice(4, length), 1).Read(bits);
        Span<bool> bools = buffer.Booleans.AsSpan(slot, count);
        for (int i = 0; i < count; i++)
        {
            bools[i] = bits[i] != 0;
        }
    }

    /// <summary>
    /// RLE_DICTIONARY / PLAIN_DICTIONARY data: one byte giving the index bit width, then the hybrid stream of
    /// indices; each index must address an entry of the chunk's dictionary page.
    /// </summary>
    public static void DecodeDictionaryIndices(ReadOnlySpan<byte> source, ColumnBuffer dictionary, ColumnBuffer buffer, int slot, int count, DecodeScratch scratch)
    {
        if (count == 0)
        {
            return;
        }

        Span<int> indices = scratch.Ints(count);
        DecodeIndices(source, dictionary.Capacity, indices);
        switch (buffer.Type)
        {
            case ParquetPhysicalType.Boolean:
                Gather(dictionary.Booleans!, indices, buffer.Booleans.AsSpan(slot, count));
                break;
            case ParquetPhysicalType.Int32:
                Gather(dictionary.Int32s!, indices, buffer.Int32s.AsSpan(slot, count));
                break;
            case ParquetPhysicalType.Int64:
            case ParquetPhysicalType.Int96:
                Gather(dictionary.Int64s!, indices, buffer.Int64s.AsSpan(slot, count));
                break;
            case ParquetPhysicalType.Float:
                Gather(dictionary.Floats!, indices, buffer.Floats.AsSpan(slot, count));
                break;
            case ParquetPhysicalType.Double:
                Gather(dictionary.Doubles!, indices, buffer.Doubles.AsSpan(slot, count));
                break;
            default:
                for (int i = 0; i < indices.Length; i++)
                {
                    buffer.AppendBytes(slot + i, dictionary.GetBytes(indices[i]));
                }

                break;
        }
    }

    /// <summary>Decodes and range-checks the dictionary indices of a page (bit-width byte, then the hybrid stream).</summary>
    public static void DecodeIndices(ReadOnlySpan<byte> source, int dictionaryEntries, Span<int> indices)
    {
        if (indices.IsEmpty)
        {
            return;
        }

        RequireBytes(source, 1);
        new RleBitPackedDecoder(source.Slice(1), source[0]).Read(indices);
        uint entries = (uint)dictionaryEntries;
        for (int i = 0; i < indices.Length; i++)
        {
            if ((uint)indices[i] >= entries)
            {
                throw new InvalidDataException($"dictionary index {indices[i]} outside the dictionary of {entries} entries");
            }
        }
    }

    private static void Gather<T>(T[] dictionary, ReadOnlySpan<int> indices, Span<T> destination)
    {
        for (int i = 0; i < indices.Length; i++)
        {
            destination[i] = dictionary[indices[i]];
        }
    }

    private static void CopyFixed<T>(ReadOnlySpan<byte> source, Span<T> destination)
        where T : unmanaged
    {
        Span<byte> target = MemoryMarshal.AsBytes(destination);
        RequireBytes(source, target.Length);
        source.Slice(0, target.Length).CopyTo(target);
    }

    private static void RequireBytes(ReadOnlySpan<byte> source, long needed)
    {
        if (needed > source.Length)
        {
            throw new InvalidDataException($"page holds {source.Length} value bytes where {needed} are needed");
        }
    }
}
