namespace SparkRecs.Warehouse.Parquet;

/// <summary>The resolution of a TIME or TIMESTAMP column as stored in the file.</summary>
public enum ParquetTimeUnit
{
    /// <summary>Not a time column.</summary>
    None,

    /// <summary>Milliseconds.</summary>
    Millis,

    /// <summary>Microseconds.</summary>
    Micros,

    /// <summary>Nanoseconds (also INT96, whose time of day is in nanoseconds).</summary>
    Nanos,
}
