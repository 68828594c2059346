namespace SparkRecs.Warehouse.Parquet.Ingest;

/// <summary>Where one mapped event field of a Parquet file comes from.</summary>
/// <param name="Column">The file column, or null when the field is a partition constant, unmapped or missing.</param>
/// <param name="Constant">The partition value used for every row, or null.</param>
/// <param name="MissingName">The configured name when the field is mapped but the file has no such column (read as null), else null.</param>
internal readonly record struct ParquetFieldSource(ParquetColumnSchema? Column, string? Constant, string? MissingName)
{
    /// <summary>An unmapped field.</summary>
    public static ParquetFieldSource None => default;
}
