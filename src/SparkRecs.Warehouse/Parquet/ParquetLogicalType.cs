namespace SparkRecs.Warehouse.Parquet;

/// <summary>
/// The annotation that gives a physical type its meaning, merged from the modern LogicalType union and
/// the legacy ConvertedType enum (whichever the writer set).
/// </summary>
public enum ParquetLogicalType
{
    /// <summary>No annotation: the physical type is the meaning.</summary>
    None,

    /// <summary>UTF-8 text (STRING / UTF8).</summary>
    String,

    /// <summary>UTF-8 enum symbol.</summary>
    Enum,

    /// <summary>UTF-8 JSON document.</summary>
    Json,

    /// <summary>BSON document (bytes).</summary>
    Bson,

    /// <summary>16-byte UUID (bytes).</summary>
    Uuid,

    /// <summary>Days since 1970-01-01 in an INT32.</summary>
    Date,

    /// <summary>Time of day; exposed as its raw integer (see <see cref="ParquetColumnSchema.TimeUnit"/>).</summary>
    Time,

    /// <summary>Instant or local date-time; the reader normalises it to Unix milliseconds.</summary>
    Timestamp,

    /// <summary>Fixed-point decimal (unscaled integer and scale); the reader returns it as a double.</summary>
    Decimal,

    /// <summary>Integer of a declared width and signedness (INT_8, UINT_32, ...).</summary>
    Integer,

    /// <summary>IEEE 754 binary16 in a 2-byte FIXED_LEN_BYTE_ARRAY; the reader widens it to float.</summary>
    Float16,

    /// <summary>Legacy 12-byte INTERVAL (months, days, millis); exposed as bytes.</summary>
    Interval,

    /// <summary>An annotation this reader does not implement (maps, lists, variants, geometry, future types).</summary>
    Unsupported,
}
