namespace SparkRecs.Warehouse.Parquet;

/// <summary>One column of a file written by <see cref="ParquetWriter"/>.</summary>
/// <param name="Name">Field name (unique within the file).</param>
/// <param name="Type">Stored type.</param>
/// <param name="IsOptional">True when the column may hold nulls (OPTIONAL, with definition levels).</param>
public sealed record ParquetWriterColumn(string Name, ParquetWriterType Type, bool IsOptional = false);
