namespace SparkRecs.Warehouse.Parquet;

/// <summary>
/// How <see cref="ParquetFile.ReadColumn(int, string)"/> hands a column's values to the caller: which array of
/// <see cref="ParquetColumn"/> holds them and in which unit.
/// </summary>
public enum ParquetValueKind
{
    /// <summary><see cref="ParquetColumn.Booleans"/>.</summary>
    Boolean,

    /// <summary><see cref="ParquetColumn.Int32s"/> (INT32, INT_8/16, UINT_8/16, TIME millis).</summary>
    Int32,

    /// <summary><see cref="ParquetColumn.Int64s"/> (INT64, UINT_32 widened, TIME micros/nanos).</summary>
    Int64,

    /// <summary><see cref="ParquetColumn.Int64s"/> holding the bits of unsigned 64-bit values: reinterpret as ulong.</summary>
    UInt64,

    /// <summary><see cref="ParquetColumn.Floats"/> (FLOAT, FLOAT16 widened).</summary>
    Float,

    /// <summary><see cref="ParquetColumn.Doubles"/> (DOUBLE, DECIMAL converted with its scale).</summary>
    Double,

    /// <summary><see cref="ParquetColumn.Int32s"/> holding days since 1970-01-01.</summary>
    Date,

    /// <summary><see cref="ParquetColumn.Int64s"/> holding Unix milliseconds (floor of finer units; INT96 converted).</summary>
    TimestampMillis,

    /// <summary>UTF-8 bytes, read with <see cref="ParquetColumn.GetBytes"/> / <see cref="ParquetColumn.GetString"/>.</summary>
    String,

    /// <summary>Raw bytes, read with <see cref="ParquetColumn.GetBytes"/>.</summary>
    Binary,
}
