using System.Buffers.Binary;
using SparkRecs.Warehouse.Parquet.Encodings;
using SparkRecs.Warehouse.Parquet.Metadata;

namespace SparkRecs.Warehouse.Parquet.Reading;

/// <summary>
/// Decodes the pages of one flat column chunk into a <see cref="ColumnBuffer"/>: an optional dictionary
/// page first, then data pages (v1: levels and values compressed together, levels with a 4-byte length
/// prefix; v2: levels uncompressed before the values, values optionally compressed). Page checksums are
/// verified when present. Damage surfaces as <see cref="InvalidDataException"/>, an unimplemented encoding
/// as <see cref="NotSupportedException"/>; the file reader maps both to <see cref="ParquetFormatException"/>.
/// </summary>
internal sealed class ColumnChunkReader
{
    private const int EncodingPlain = 0;
    private const int EncodingPlainDictionary = 2;
    private const int EncodingRle = 3;
    private const int EncodingBitPacked = 4;
    private const int EncodingDeltaBinaryPacked = 5;
    private const int EncodingDeltaLengthByteArray = 6;
    private const int EncodingDeltaByteArray = 7;
    private const int EncodingRleDictionary = 8;
    private const int EncodingByteStreamSplit = 9;

    private readonly ColumnDescriptor _column;
    private readonly int _codec;
    private readonly DecodeScratch _scratch = new();
    private ColumnBuffer? _dictionary;

    private readonly long _maxPageSize;

    /// <param name="column">The column being read.</param>
    /// <param name="codec">The chunk's compression codec id.</param>
    /// <param name="uncompressedChunkSize">The chunk's total uncompressed size from the footer: no page can expand beyond it.</param>
    public ColumnChunkReader(ColumnDescriptor column, int codec, long uncompressedChunkSize)
    {
        _column = column;
        _codec = codec;
        _maxPageSize = uncompressedChunkSize > 0 ? uncompressedChunkSize : int.MaxValue;
    }

    /// <summary>
    /// Decodes <paramref name="slots"/> values from <c>chunkBytes[0 .. length)</c>. The result owns all its memory,
    /// so the caller may reuse <paramref name="chunkBytes"/> afterwards (it comes from a pool).
    /// </summary>
    public ColumnBuffer Read(byte[] chunkBytes, int length, int slots)
    {
        ArraySegment<byte> chunk = new(chunkBytes, 0, length);
        SchemaElement element = _column.Element;
        var values = new ColumnBuffer(element.Type!.Value, element.TypeLength, slots);
        int position = 0;
        int filled = 0;
        while (filled < slots)
        {
            if (position >= chunk.Count)
            {
                throw new InvalidDataException($"column chunk ends after {filled} of {slots} values");
            }

            PageHeader header = MetadataDecoder.ReadPageHeader(chunk.AsSpan(position), out int headerLength);
            position += headerLength;
            if (header.CompressedPageSize < 0 || header.CompressedPageSize > chunk.Count - position)
            {
                throw new InvalidDataException($"page of {header.CompressedPageSize} bytes runs past the end of the column chunk");
            }

            if (header.UncompressedPageSize < 0 || header.UncompressedPageSize > _maxPageSize)
            {
                throw new InvalidDataException($"page declares {header.UncompressedPageSize} uncompressed bytes, more than its whole column chunk");
            }

            int pageStart = position;
            position += header.CompressedPageSize;
            if (header.Crc is { } crc && Crc32.Compute(chunk.AsSpan(pageStart, header.CompressedPageSize)) != unchecked((uint)crc))
            {
                throw new InvalidDataException($"page at chunk offset {pageStart - headerLength} fails its CRC-32 checksum");
            }

            switch (header.Type)
            {
                case PageType.DictionaryPage:
                    ReadDictionaryPage(header, chunkBytes, pageStart);
                    break;
                case PageType.DataPage:
                    filled += ReadDataPageV1(header, chunkBytes, pageStart, values, filled, slots - filled);
                    break;
                case PageType.DataPageV2:
                    filled += ReadDataPageV2(header, chunkBytes, pageStart, values, filled, slots - filled);
                    break;
                default:
                    break;
            }
        }

        return values;
    }

    private void ReadDictionaryPage(PageHeader header, byte[] chunk, int pageStart)
    {
        if (_dictionary is not null)
        {
            throw new InvalidDataException("column chunk has a second dictionary page");
        }

        if (header.Encoding is not (EncodingPlain or EncodingPlainDictionary) || header.NumValues < 0)
        {
            throw new InvalidDataException($"dictionary page with encoding {header.Encoding} and {header.NumValues} entries");
        }

        ReadOnlySpan<byte> data = PageDecompressor.Decompress(_codec, chunk, pageStart, header.CompressedPageSize, header.UncompressedPageSize);
        if (header.NumValues > data.Length * 8L)
        {
            throw new InvalidDataException($"dictionary page declares {header.NumValues} entries in {data.Length} bytes");
        }

        SchemaElement element = _column.Element;
        var dictionary = new ColumnBuffer(element.Type!.Value, element.TypeLength, header.NumValues);
        PageValueDecoder.DecodePlain(data, dictionary, 0, header.NumValues);
        _dictionary = dictionary;
    }

    private int ReadDataPageV1(PageHeader header, byte[] chunk, int pageStart, ColumnBuffer buffer, int slot, int remaining)
    {
        int slots = CheckSlots(header, remaining);
        ReadOnlySpan<byte> page = PageDecompressor.Decompress(_codec, chunk, pageStart, header.CompressedPageSize, header.UncompressedPageSize);
        int values = slots;
        Span<int> levels = default;
        if (_column.MaxDefinitionLevel > 0)
        {
            if (header.DefinitionLevelEncoding == EncodingBitPacked)
            {
                throw new NotSupportedException("definition levels in the deprecated BIT_PACKED encoding");
            }

            if (page.Length < 4)
            {
                throw new InvalidDataException("data page too short for its definition levels");
            }

            int length = BinaryPrimitives.ReadInt32LittleEndian(page);
            if (length < 0 || length > page.Length - 4)
            {
                throw new InvalidDataException($"definition levels of {length} bytes run past the end of the page");
            }

            levels = _scratch.Levels(slots);
            new RleBitPackedDecoder(page.Slice(4, length), 1).Read(levels);
            values = CountPresent(levels, _column.MaxDefinitionLevel);
            page = page.Slice(4 + length);
        }

        DecodeValues(header.Encoding, page, buffer, slot, values);
        FinishPage(buffer, slot, slots, values, levels);
        return slots;
    }

    private int ReadDataPageV2(PageHeader header, byte[] chunk, int pageStart, ColumnBuffer buffer, int slot, int remaining)
    {
        int slots = CheckSlots(header, remaining);
        int levelBytes = header.DefinitionLevelsByteLength + header.RepetitionLevelsByteLength;
        // Layout: repetition levels, definition levels, values. A flat column's repetition levels are all
        // zero; some writers still emit the (trivial) section, which is skipped.
        if (header.DefinitionLevelsByteLength < 0 || header.RepetitionLevelsByteLength < 0 || levelBytes > header.CompressedPageSize)
        {
            throw new InvalidDataException($"level sections of {levelBytes} bytes exceed the page size");
        }

        int values = slots;
        Span<int> levels = default;
        if (_column.MaxDefinitionLevel > 0)
        {
            levels = _scratch.Levels(slots);
            new RleBitPackedDecoder(chunk.AsSpan(pageStart + header.RepetitionLevelsByteLength, header.DefinitionLevelsByteLength), 1).Read(levels);
            values = CountPresent(levels, _column.MaxDefinitionLevel);
            if (values != slots - header.NumNulls)
            {
                throw new InvalidDataException($"page declares {header.NumNulls} nulls but its levels hold {slots - values}");
            }
        }
        else if (header.NumNulls != 0)
        {
            throw new InvalidDataException($"required column page declares {header.NumNulls} nulls");
        }

        int valuesStart = pageStart + levelBytes;
        int valuesLength = header.CompressedPageSize - levelBytes;
        int expanded = header.UncompressedPageSize - levelBytes;
        ReadOnlySpan<byte> data = header.IsCompressed
            ? PageDecompressor.Decompress(_codec, chunk, valuesStart, valuesLength, expanded)
            : chunk.AsSpan(valuesStart, valuesLength);
        DecodeValues(header.Encoding, data, buffer, slot, values);
        FinishPage(buffer, slot, slots, values, levels);
        return slots;
    }

    private static int CheckSlots(PageHeader header, int remaining)
    {
        if (!header.HasSubHeader || header.NumValues < 0 || header.NumValues > remaining)
        {
            throw new InvalidDataException($"data page declares {header.NumValues} values where at most {remaining} remain in the column chunk");
        }

        return header.NumValues;
    }

    private void DecodeValues(int encoding, ReadOnlySpan<byte> data, ColumnBuffer buffer, int slot, int values)
    {
        if (buffer.DictionaryIndices is not null && encoding is not (EncodingPlainDictionary or EncodingRleDictionary) && values > 0)
        {
            buffer.MaterializeDictionaryIndices(slot);
        }

        switch (encoding)
        {
            case EncodingPlain:
                PageValueDecoder.DecodePlain(data, buffer, slot, values);
                break;
            case EncodingPlainDictionary:
            case EncodingRleDictionary:
                if (_dictionary is null)
                {
                    if (values == 0)
                    {
                        return;
                    }

                    throw new InvalidDataException("dictionary-encoded page without a dictionary page");
                }

                if (buffer.IsBinary && (buffer.DictionaryIndices is not null || slot == 0))
                {
                    // Keep byte-array columns as dictionary + indices: the caller can map each distinct value
                    // once instead of once per row, and no bytes are copied.
                    if (buffer.DictionaryIndices is null)
                    {
                        buffer.BeginDictionaryIndices(_dictionary);
                    }

                    PageValueDecoder.DecodeIndices(data, _dictionary.Capacity, buffer.DictionaryIndices.AsSpan(slot, values));
                }
                else
                {
                    PageValueDecoder.DecodeDictionaryIndices(data, _dictionary, buffer, slot, values, _scratch);
                }

                break;
            case EncodingRle:
                PageValueDecoder.DecodeRleBooleans(data, buffer, slot, values, _scratch);
                break;
            case EncodingDeltaBinaryPacked:
                PageValueDecoder.DecodeDeltaBinaryPacked(data, buffer, slot, values, _scratch);
                break;
            case EncodingDeltaLengthByteArray:
                PageValueDecoder.DecodeDeltaLengthByteArray(data, buffer, slot, values, _scratch);
                break;
            case EncodingDeltaByteArray:
                PageValueDecoder.DecodeDeltaByteArray(data, buffer, slot, values, _scratch);
                break;
            case EncodingByteStreamSplit:
                PageValueDecoder.DecodeByteStreamSplit(data, buffer, slot, values);
                break;
            default:
                throw new NotSupportedException($"value encoding #{encoding}");
        }
    }

    private static void FinishPage(ColumnBuffer buffer, int slot, int slots, int values, ReadOnlySpan<int> levels)
    {
        if (buffer.IsBinary && values == 0 && buffer.DictionaryIndices is null)
        {
            // No value was appended: every slot of the page is an empty span at the current end.
            buffer.Offsets.AsSpan(slot + 1, slots).Fill(buffer.ByteLength);
        }

        if (levels.IsEmpty)
        {
            buffer.MarkValid(slot, slots);
        }
        else
        {
            buffer.Spread(slot, levels, 1, values);
        }
    }

    private static int CountPresent(ReadOnlySpan<int> levels, int maxLevel)
    {
        int present = 0;
        for (int i = 0; i < levels.Length; i++)
        {
            int level = levels[i];
            if ((uint)level > (uint)maxLevel)
            {
                throw new InvalidDataException($"definition level {level} above the column's maximum {maxLevel}");
            }

            present += level == maxLevel ? 1 : 0;
        }

        return present;
    }
}
