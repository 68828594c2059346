namespace SparkRecs.Warehouse.Parquet.Metadata;

/// <summary>Page types (Thrift <c>PageType</c>).</summary>
internal enum PageType
{
    DataPage = 0,
    IndexPage = 1,
    DictionaryPage = 2,
    DataPageV2 = 3,
}

/// <summary>A page header (Thrift <c>PageHeader</c> with its data/dictionary sub-headers flattened).</summary>
internal sealed class PageHeader
{
    public PageType Type { get; set; }

    public int UncompressedPageSize { get; set; }

    public int CompressedPageSize { get; set; }

    public int? Crc { get; set; }

    /// <summary>Values in the page, nulls included (data pages) or dictionary entries.</summary>
    public int NumValues { get; set; }

    /// <summary>Value encoding of a data or dictionary page.</summary>
    public int Encoding { get; set; }

    /// <summary>Definition level encoding (v1 only).</summary>
    public int DefinitionLevelEncoding { get; set; }

    /// <summary>v2: nulls in the page.</summary>
    public int NumNulls { get; set; }

    /// <summary>v2: rows in the page.</summary>
    public int NumRows { get; set; }

    /// <summary>v2: bytes of definition levels (stored uncompressed, before the values).</summary>
    public int DefinitionLevelsByteLength { get; set; }

    /// <summary>v2: bytes of repetition levels.</summary>
    public int RepetitionLevelsByteLength { get; set; }

    /// <summary>v2: whether the values section is compressed (defaults to true).</summary>
    public bool IsCompressed { get; set; } = true;

    /// <summary>True when a data or dictionary sub-header was present.</summary>
    public bool HasSubHeader { get; set; }
}
