namespace SparkRecs.Warehouse.Parquet;

/// <summary>The storage types of the Parquet format; the numeric values are the Thrift enum values.</summary>
public enum ParquetPhysicalType
{
    /// <summary>Bit-packed booleans.</summary>
    Boolean = 0,

    /// <summary>32-bit signed little-endian integer.</summary>
    Int32 = 1,

    /// <summary>64-bit signed little-endian integer.</summary>
    Int64 = 2,

    /// <summary>Deprecated 12-byte timestamp (8 bytes nanoseconds of day, 4 bytes Julian day), still written by Spark and Impala.</summary>
    Int96 = 3,

    /// <summary>IEEE 754 binary32.</summary>
    Float = 4,

    /// <summary>IEEE 754 binary64.</summary>
    Double = 5,

    /// <summary>Variable-length bytes (strings, blobs, decimals).</summary>
    ByteArray = 6,

    /// <summary>Bytes of the width given by the schema's type_length.</summary>
    FixedLenByteArray = 7,
}
