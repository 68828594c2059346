namespace SparkRecs.Warehouse.Parquet.Metadata;

/// <summary>The footer (Thrift <c>FileMetaData</c>), keeping only what the reader uses.</summary>
internal sealed class FileMetaData
{
    public int Version { get; set; }

    public SchemaElement[] Schema { get; set; } = [];

    public long NumRows { get; set; }

    public RowGroup[] RowGroups { get; set; } = [];

    public string? CreatedBy { get; set; }

    /// <summary>True when the footer declares an encryption algorithm (plaintext-footer encryption).</summary>
    public bool HasEncryptionAlgorithm { get; set; }

    public List<KeyValuePair<string, string?>> KeyValues { get; } = [];
}

/// <summary>One node of the flattened schema tree (Thrift <c>SchemaElement</c>).</summary>
internal sealed class SchemaElement
{
    public ParquetPhysicalType? Type { get; set; }

    public int TypeLength { get; set; }

    /// <summary>0 required, 1 optional, 2 repeated; null on the root.</summary>
    public int? Repetition { get; set; }

    public string Name { get; set; } = "";

    public int NumChildren { get; set; }

    /// <summary>Legacy ConvertedType enum value, or null.</summary>
    public int? ConvertedType { get; set; }

    public int Scale { get; set; }

    public int Precision { get; set; }

    public LogicalTypeInfo? Logical { get; set; }
}

/// <summary>The LogicalType union member that was set, with its parameters.</summary>
internal sealed class LogicalTypeInfo
{
    /// <summary>The union field id (1 STRING, 5 DECIMAL, 6 DATE, 8 TIMESTAMP, 10 INTEGER, 15 FLOAT16, ...).</summary>
    public short FieldId { get; set; }

    public int DecimalScale { get; set; }

    public int DecimalPrecision { get; set; }

    /// <summary>TimeUnit union field id: 1 millis, 2 micros, 3 nanos.</summary>
    public short TimeUnit { get; set; }

    public bool IsAdjustedToUtc { get; set; }

    public int BitWidth { get; set; }

    public bool IsSigned { get; set; } = true;
}

/// <summary>A row group (Thrift <c>RowGroup</c>).</summary>
internal sealed class RowGroup
{
    public ColumnChunk[] Columns { get; set; } = [];

    public long NumRows { get; set; }

    public long TotalByteSize { get; set; }
}

/// <summary>A column chunk (Thrift <c>ColumnChunk</c>).</summary>
internal sealed class ColumnChunk
{
    public string? FilePath { get; set; }

    public ColumnMetaData? MetaData { get; set; }

    /// <summary>True when the chunk carries crypto metadata or encrypted column metadata.</summary>
    public bool IsEncrypted { get; set; }
}

/// <summary>Column chunk metadata (Thrift <c>ColumnMetaData</c>).</summary>
internal sealed class ColumnMetaData
{
    public ParquetPhysicalType Type { get; set; }

    public int[] Encodings { get; set; } = [];

    public string[] PathInSchema { get; set; } = [];

    public int Codec { get; set; }

    public long NumValues { get; set; }

    public long TotalUncompressedSize { get; set; }

    public long TotalCompressedSize { get; set; }

    public long DataPageOffset { get; set; }

    public long? DictionaryPageOffset { get; set; }

    public Statistics? Statistics { get; set; }
}

/// <summary>Column statistics (Thrift <c>Statistics</c>): plain-encoded min/max bytes.</summary>
internal sealed class Statistics
{
    /// <summary>Deprecated max (signed order only).</summary>
    public byte[]? Max { get; set; }

    /// <summary>Deprecated min (signed order only).</summary>
    public byte[]? Min { get; set; }

    public long? NullCount { get; set; }

    public long? DistinctCount { get; set; }

    public byte[]? MaxValue { get; set; }

    public byte[]? MinValue { get; set; }
}
