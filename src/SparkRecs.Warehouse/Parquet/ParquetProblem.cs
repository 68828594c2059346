namespace SparkRecs.Warehouse.Parquet;

/// <summary>Why a Parquet file was refused.</summary>
public enum ParquetProblem
{
    /// <summary>The bytes contradict the format (bad magic, truncated footer, CRC mismatch, overruns).</summary>
    Corrupt,

    /// <summary>A valid file that uses a feature outside this reader's scope (nested data, a codec, encryption).</summary>
    Unsupported,
}
