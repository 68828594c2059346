namespace SparkRecs.Warehouse.Parquet.Writing;

/// <summary>What the footer records about one written column chunk.</summary>
internal sealed class ChunkRecord
{
    public required ParquetPhysicalType Type { get; init; }

    public required string Name { get; init; }

    public required int Codec { get; init; }

    public List<int> Encodings { get; } = [];

    public long NumValues { get; set; }

    public long TotalUncompressedSize { get; set; }

    public long TotalCompressedSize { get; set; }

    public long DataPageOffset { get; set; } = -1;

    public long? DictionaryPageOffset { get; set; }

    public long FileOffset { get; set; }

    public long NullCount { get; set; }

    /// <summary>PLAIN bytes of the smallest value, or null when the chunk has no comparable value.</summary>
    public byte[]? Min { get; set; }

    /// <summary>PLAIN bytes of the largest value.</summary>
    public byte[]? Max { get; set; }
}

/// <summary>A written row group.</summary>
internal sealed record RowGroupRecord(long RowCount, long FileOffset, ChunkRecord[] Chunks);
