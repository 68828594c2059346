namespace SparkRecs.Warehouse.Parquet;

/// <summary>Page compression <see cref="ParquetWriter"/> applies.</summary>
public enum ParquetCompression
{
    /// <summary>Raw Snappy blocks: the warehouse default (Spark's too), fast to read.</summary>
    Snappy,

    /// <summary>No compression.</summary>
    Uncompressed,
}
