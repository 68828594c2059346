namespace SparkRecs.Warehouse.Parquet;

/// <summary>Knobs of <see cref="ParquetWriter"/>; the defaults suit events and recommendation exports.</summary>
public sealed record ParquetWriterOptions
{
    /// <summary>Page compression (default Snappy).</summary>
    public ParquetCompression Compression { get; init; } = ParquetCompression.Snappy;

    /// <summary>
    /// Dictionary-encode string columns whose distinct values are at most half the chunk's values (keys such as
    /// user and item ids repeat heavily); other string columns are written PLAIN. Default true.
    /// </summary>
    public bool DictionaryEncoding { get; init; } = true;

    /// <summary>Largest dictionary (distinct values) before a chunk falls back to PLAIN. Default 1,000,000.</summary>
    public int MaxDictionaryEntries { get; init; } = 1_000_000;

    /// <summary>Rows per data page (default 65,536): smaller pages let readers skip more precisely, larger ones compress better.</summary>
    public int PageRows { get; init; } = 65_536;

    /// <summary>The created_by string recorded in the footer.</summary>
    public string CreatedBy { get; init; } = "SparkRecs.Warehouse parquet writer";
}
