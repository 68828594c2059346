namespace SparkRecs.Warehouse.Parquet;

/// <summary>Column types <see cref="ParquetWriter"/> produces: the flat shapes SparkRecs exports.</summary>
public enum ParquetWriterType
{
    /// <summary>INT32.</summary>
    Int32,

    /// <summary>INT64.</summary>
    Int64,

    /// <summary>FLOAT (binary32), e.g. one factor dimension.</summary>
    Float,

    /// <summary>DOUBLE.</summary>
    Double,

    /// <summary>BYTE_ARRAY annotated STRING (UTF-8); dictionary-encoded when values repeat.</summary>
    String,

    /// <summary>INT64 annotated TIMESTAMP(isAdjustedToUTC = true, MILLIS): Unix milliseconds.</summary>
    TimestampMillis,
}
