namespace SparkRecs.Warehouse.Parquet;

/// <summary>
/// Footer statistics of one column chunk. <see cref="Min"/>/<see cref="Max"/> are decoded only for integer-like
/// columns (INT32, INT64, DATE, TIMESTAMP) and are in the unit the column is read in: days for DATE, Unix
/// milliseconds for timestamps (floored). They are null when the writer stored none, or when the bytes
/// cannot be trusted (unsigned columns, INT96, legacy statistics written under an unsigned sort order).
/// </summary>
public sealed class ParquetColumnStatistics
{
    internal ParquetColumnStatistics(long? nullCount, long? distinctCount, long? min, long? max)
    {
        NullCount = nullCount;
        DistinctCount = distinctCount;
        Min = min;
        Max = max;
    }

    /// <summary>Statistics that say nothing (no bounds, no counts).</summary>
    public static ParquetColumnStatistics None { get; } = new(null, null, null, null);

    /// <summary>Number of nulls, when recorded.</summary>
    public long? NullCount { get; }

    /// <summary>Number of distinct values, when recorded (rare).</summary>
    public long? DistinctCount { get; }

    /// <summary>Smallest non-null value, when known.</summary>
    public long? Min { get; }

    /// <summary>Largest non-null value, when known.</summary>
    public long? Max { get; }

    /// <summary>True when both bounds are known.</summary>
    public bool HasBounds => Min.HasValue && Max.HasValue;
}
