using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using SparkRecs.Warehouse.Parquet.Encodings;
using SparkRecs.Warehouse.Parquet.Writing;

namespace SparkRecs.Warehouse.Parquet;

/// <summary>Column chunk and page encoding.</summary>
public sealed partial class ParquetWriter
{
    private const int EncodingPlain = 0;
    private const int EncodingRle = 3;
    private const int EncodingRleDictionary = 8;

    private void WriteFixed<T>(int column, ReadOnlySpan<T> values, ReadOnlySpan<bool> validity, ParquetWriterType type)
        where T : unmanaged, INumber<T>
    {
        int index = BeginColumn(column, type, values.Length, validity);
        ParquetWriterColumn definition = _columns[index];
        ChunkRecord record = NewChunk(definition);
        T[]? denseArray = null;
        ReadOnlySpan<T> dense = values;
        if (!validity.IsEmpty && validity.Contains(false))
        {
            denseArray = new T[values.Length];
            int n = 0;
            for (int i = 0; i < values.Length; i++)
            {
                if (validity[i])
                {
                    denseArray[n++] = values[i];
                }
            }

            dense = denseArray.AsSpan(0, n);
        }

        record.NullCount = values.Length - dense.Length;
        SetNumericStatistics(record, dense);
        record.DataPageOffset = _position;
        var body = new ArrayBufferWriter<byte>();
        int denseStart = 0;
        for (int start = 0; start < values.Length || start == 0; start += _options.PageRows)
        {
            int slots = Math.Min(_options.PageRows, values.Length - start);
            body.Clear();
            int present = WriteLevels(body, definition, validity, start, slots);
            body.Write(MemoryMarshal.AsBytes(dense.Slice(denseStart, present)));
            denseStart += present;
            WritePage(record, body.WrittenSpan, slots, EncodingPlain, dictionary: false);
            if (values.Length == 0)
            {
                break;
            }
        }

        record.Encodings.AddRange([EncodingPlain, EncodingRle]);
        _groupChunks!.Add(record);
    }

    private ChunkRecord WriteStringChunk(ParquetWriterColumn definition, ReadOnlySpan<int> offsets, ReadOnlySpan<byte> utf8, ReadOnlySpan<bool> validity)
    {
        ChunkRecord record = NewChunk(definition);
        int rows = offsets.Length - 1;
        int present = 0;
        ReadOnlySpan<byte> min = default;
        ReadOnlySpan<byte> max = default;
        for (int i = 0; i < rows; i++)
        {
            if (!validity.IsEmpty && !validity[i])
            {
                continue;
            }

            ReadOnlySpan<byte> value = utf8.Slice(offsets[i], offsets[i + 1] - offsets[i]);
            if (present == 0 || value.SequenceCompareTo(min) < 0)
            {
                min = value;
            }

            if (present == 0 || value.SequenceCompareTo(max) > 0)
            {
                max = value;
            }

            present++;
        }

        record.NullCount = rows - present;
        if (present > 0)
        {
            record.Min = min.ToArray();
            record.Max = max.ToArray();
        }

        (ByteSpanDictionary Dictionary, int[] Indices)? dictionary = _options.DictionaryEncoding ? TryBuildDictionary(offsets, utf8, validity, present) : null;
        if (dictionary is { } built)
        {
            WriteDictionaryChunk(record, definition, built.Dictionary, built.Indices, validity, rows);
        }
        else
        {
            WritePlainStringChunk(record, definition, offsets, utf8, validity, rows);
        }

        return record;
    }

    private (ByteSpanDictionary, int[])? TryBuildDictionary(ReadOnlySpan<int> offsets, ReadOnlySpan<byte> utf8, ReadOnlySpan<bool> validity, int present)
    {
        var dictionary = new ByteSpanDictionary();
        var indices = new int[present];
        int n = 0;
        for (int i = 0; i < offsets.Length - 1; i++)
        {
            if (!validity.IsEmpty && !validity[i])
            {
                continue;
            }

            indices[n++] = dictionary.GetOrAdd(utf8.Slice(offsets[i], offsets[i + 1] - offsets[i]));
            if (dictionary.Count > _options.MaxDictionaryEntries)
            {
                return null;
            }
        }

        // Mostly-unique values gain nothing from a dictionary and pay for it twice.
        return present > 16 && dictionary.Count > present / 2 ? null : (dictionary, indices);
    }

    private void WriteDictionaryChunk(ChunkRecord record, ParquetWriterColumn definition, ByteSpanDictionary dictionary, int[] indices, ReadOnlySpan<bool> validity, int rows)
    {
        var body = new ArrayBufferWriter<byte>();
        for (int id = 0; id < dictionary.Count; id++)
        {
            WriteLengthPrefixed(body, dictionary[id]);
        }

        record.DictionaryPageOffset = _position;
        WritePage(record, body.WrittenSpan, dictionary.Count, EncodingPlain, dictionary: true);
        record.DataPageOffset = _position;
        int bitWidth = Math.Max(1, 32 - BitOperations.LeadingZeroCount((uint)Math.Max(0, dictionary.Count - 1)));
        int denseStart = 0;
        for (int start = 0; start < rows || start == 0; start += _options.PageRows)
        {
            int slots = Math.Min(_options.PageRows, rows - start);
            body.Clear();
            int present = WriteLevels(body, definition, validity, start, slots);
            body.GetSpan(1)[0] = (byte)bitWidth;
            body.Advance(1);
            RleHybridEncoder.Encode(indices.AsSpan(denseStart, present), bitWidth, body);
            denseStart += present;
            WritePage(record, body.WrittenSpan, slots, EncodingRleDictionary, dictionary: false);
            if (rows == 0)
            {
                break;
            }
        }

        record.Encodings.AddRange([EncodingPlain, EncodingRle, EncodingRleDictionary]);
    }

    private void WritePlainStringChunk(ChunkRecord record, ParquetWriterColumn definition, ReadOnlySpan<int> offsets, ReadOnlySpan<byte> utf8, ReadOnlySpan<bool> validity, int rows)
    {
        record.DataPageOffset = _position;
        var body = new ArrayBufferWriter<byte>();
        for (int start = 0; start < rows || start == 0; start += _options.PageRows)
        {
            int slots = Math.Min(_options.PageRows, rows - start);
            body.Clear();
            WriteLevels(body, definition, validity, start, slots);
            for (int i = start; i < start + slots; i++)
            {
                if (validity.IsEmpty || validity[i])
                {
                    WriteLengthPrefixed(body, utf8.Slice(offsets[i], offsets[i + 1] - offsets[i]));
                }
            }

            WritePage(record, body.WrittenSpan, slots, EncodingPlain, dictionary: false);
            if (rows == 0)
            {
                break;
            }
        }

        record.Encodings.AddRange([EncodingPlain, EncodingRle]);
    }

    /// <summary>Writes the 4-byte-length-prefixed RLE definition levels of an optional column's page; returns the present count.</summary>
    private static int WriteLevels(ArrayBufferWriter<byte> body, ParquetWriterColumn definition, ReadOnlySpan<bool> validity, int start, int slots)
    {
        if (!definition.IsOptional)
        {
            return slots;
        }

        var levels = new int[slots];
        int present = 0;
        for (int i = 0; i < slots; i++)
        {
            bool valid = validity.IsEmpty || validity[start + i];
            levels[i] = valid ? 1 : 0;
            present += levels[i];
        }

        int lengthAt = body.WrittenCount;
        body.GetSpan(4);
        body.Advance(4);
        RleHybridEncoder.Encode(levels, 1, body);
        int length = body.WrittenCount - lengthAt - 4;
        BinaryPrimitives.WriteInt32LittleEndian(MemoryMarshal.AsMemory(body.WrittenMemory).Span.Slice(lengthAt), length);
        return present;
    }

    private static void WriteLengthPrefixed(ArrayBufferWriter<byte> body, ReadOnlySpan<byte> value)
    {
        Span<byte> span = body.GetSpan(4 + value.Length);
        BinaryPrimitives.WriteInt32LittleEndian(span, value.Length);
        value.CopyTo(span.Slice(4));
        body.Advance(4 + value.Length);
    }

    private void WritePage(ChunkRecord record, ReadOnlySpan<byte> body, int numValues, int encoding, bool dictionary)
    {
        ReadOnlySpan<byte> stored = _options.Compression == ParquetCompression.Snappy ? IronSnappy.Snappy.Encode(body) : body;
        _scratch.Clear();
        FooterEncoder.WritePageHeader(_scratch, dictionary, body.Length, stored.Length, unchecked((int)Crc32.Compute(stored)), numValues, encoding);
        record.TotalUncompressedSize += _scratch.WrittenCount + body.Length;
        record.TotalCompressedSize += _scratch.WrittenCount + stored.Length;
        if (!dictionary)
        {
            record.NumValues += numValues;
        }

        WriteRaw(_scratch.WrittenSpan);
        WriteRaw(stored);
    }

    private ChunkRecord NewChunk(ParquetWriterColumn definition) => new()
    {
        Type = FooterEncoder.PhysicalTypeOf(definition.Type),
        Name = definition.Name,
        Codec = _options.Compression == ParquetCompression.Snappy ? 1 : 0,
        FileOffset = _position,
    };

    /// <summary>
    /// Min/max of the present values, NaN excluded (a NaN bound would make every range test false). Per the
    /// spec's advice for floating point, a zero minimum is written as -0.0 and a zero maximum as +0.0.
    /// </summary>
    private static void SetNumericStatistics<T>(ChunkRecord record, ReadOnlySpan<T> values)
        where T : unmanaged, INumber<T>
    {
        bool any = false;
        T min = default;
        T max = default;
        foreach (T value in values)
        {
            if (T.IsNaN(value))
            {
                continue;
            }

            if (!any || value < min)
            {
                min = value;
            }

            if (!any || value > max)
            {
                max = value;
            }

            any = true;
        }

        if (!any)
        {
            return;
        }

        if (typeof(T) == typeof(float) || typeof(T) == typeof(double))
        {
            min = T.IsZero(min) ? -T.Zero : min;
            max = T.IsZero(max) ? T.Zero : max;
        }

        record.Min = MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in min)).ToArray();
        record.Max = MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in max)).ToArray();
    }
}
