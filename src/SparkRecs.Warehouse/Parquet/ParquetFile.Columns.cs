using System.Buffers;
using SparkRecs.Core.Errors;
using SparkRecs.Warehouse.Parquet.Metadata;
using SparkRecs.Warehouse.Parquet.Reading;

namespace SparkRecs.Warehouse.Parquet;

/// <summary>Column reads and row-group skipping.</summary>
public sealed partial class ParquetFile
{
    /// <summary>Reads one column of one row group. See <see cref="ReadColumn(int, int)"/>.</summary>
    public ParquetColumn ReadColumn(int rowGroup, string column) => ReadColumn(rowGroup, GetColumn(column).Index);

    /// <summary>
    /// Reads one column of one row group; only that column chunk's bytes are read from disk. Throws
    /// <see cref="ParquetFormatException"/> when the column is unsupported (its
    /// <see cref="ParquetColumnSchema.UnsupportedReason"/>), uses a codec or encoding outside this reader,
    /// or is damaged (including a page CRC mismatch).
    /// </summary>
    public ParquetColumn ReadColumn(int rowGroup, int columnIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rowGroup);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(rowGroup, RowGroups.Count);
        ArgumentOutOfRangeException.ThrowIfNegative(columnIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(columnIndex, _columns.Length);
        ColumnDescriptor column = _columns[columnIndex];
        string name = column.Schema.Name;
        if (column.Schema.UnsupportedReason is { } reason)
        {
            throw new ParquetFormatException(ParquetProblem.Unsupported, Path, name, reason);
        }

        RowGroup group = _metadata.RowGroups[rowGroup];
        ColumnChunk chunk = group.Columns[columnIndex];
        ColumnMetaData meta = CheckChunk(chunk, column, group, rowGroup);
        if (group.NumRows == 0)
        {
            // Some writers leave the page offsets of empty chunks at zero; there is nothing to read.
            return ColumnConverter.ToColumn(column.Schema, new ColumnBuffer(column.Schema.PhysicalType, column.Schema.TypeLength, 0));
        }

        int length = ChunkLength(meta, rowGroup, name, out long start);
        byte[] bytes = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            ReadExactly(_handle, bytes.AsSpan(0, length), start);
            ColumnBuffer buffer = new ColumnChunkReader(column, meta.Codec, meta.TotalUncompressedSize).Read(bytes, length, (int)group.NumRows);
            return ColumnConverter.ToColumn(column.Schema, buffer);
        }
        catch (NotSupportedException e)
        {
            throw new ParquetFormatException(ParquetProblem.Unsupported, Path, name, e.Message, e);
        }
        catch (Exception e) when (e is InvalidDataException or IndexOutOfRangeException or ArgumentException or OverflowException)
        {
            // Bounds the decoders did not anticipate still mean the bytes contradict the metadata: refuse
            // the file by name rather than surface a bare runtime exception.
            throw new ParquetFormatException(ParquetProblem.Corrupt, Path, name, $"row group {rowGroup}: {e.Message}", e);
        }
        catch (IOException e)
        {
            throw new DataException($"Parquet file '{Path}', column '{name}': reading row group {rowGroup} failed: {e.Message}", e);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    /// <summary>
    /// True when row group <paramref name="rowGroup"/> may hold a value of <paramref name="column"/> in the
    /// inclusive range [<paramref name="minMs"/>, <paramref name="maxMs"/>] (Unix ms for timestamps, the raw
    /// value for integers, days for dates). Without usable statistics the answer is true: a row group is
    /// skipped only when the footer proves it holds nothing in the window.
    /// </summary>
    public bool RowGroupOverlaps(int rowGroup, string column, long minMs, long maxMs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rowGroup);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(rowGroup, RowGroups.Count);
        ParquetColumnStatistics stats = RowGroups[rowGroup].Statistics[GetColumn(column).Index];
        if (!stats.HasBounds)
        {
            return true;
        }

        return stats.Max!.Value >= minMs && stats.Min!.Value <= maxMs;
    }

    private ColumnMetaData CheckChunk(ColumnChunk chunk, ColumnDescriptor column, RowGroup group, int rowGroup)
    {
        string name = column.Schema.Name;
        if (chunk.IsEncrypted)
        {
            throw new ParquetFormatException(ParquetProblem.Unsupported, Path, name, "encrypted column (Parquet modular encryption)");
        }

        if (chunk.FilePath is not null)
        {
            throw new ParquetFormatException(ParquetProblem.Unsupported, Path, name, $"column data stored in another file ('{chunk.FilePath}')");
        }

        ColumnMetaData meta = chunk.MetaData
            ?? throw new ParquetFormatException(ParquetProblem.Corrupt, Path, name, $"row group {rowGroup} has no column metadata");
        if (!PageDecompressor.IsSupported(meta.Codec))
        {
            throw new ParquetFormatException(ParquetProblem.Unsupported, Path, name, $"compression codec {PageDecompressor.CodecName(meta.Codec)}");
        }

        if (meta.Type != column.Schema.PhysicalType)
        {
            throw new ParquetFormatException(ParquetProblem.Corrupt, Path, name, $"row group {rowGroup} stores {meta.Type} where the schema says {column.Schema.PhysicalType}");
        }

        if (meta.NumValues != group.NumRows || group.NumRows > Array.MaxLength)
        {
            throw new ParquetFormatException(ParquetProblem.Corrupt, Path, name, $"row group {rowGroup} has {group.NumRows} rows but the column chunk holds {meta.NumValues} values");
        }

        return meta;
    }

    /// <summary>The byte range of a column chunk: from its first page (dictionary or data) for total_compressed_size bytes.</summary>
    private int ChunkLength(ColumnMetaData meta, int rowGroup, string name, out long start)
    {
        start = meta.DataPageOffset;
        if (meta.DictionaryPageOffset is > 0 and long dictionary && dictionary < start)
        {
            start = dictionary;
        }

        long end = _length - 8;
        long size = meta.TotalCompressedSize;
        if (start < 4 || size < 0 || start >= end || size > end - start || size > Array.MaxLength)
        {
            throw new ParquetFormatException(ParquetProblem.Corrupt, Path, name, $"row group {rowGroup}: column chunk [{start}, +{size}) lies outside the file's data");
        }

        return (int)size;
    }
}
