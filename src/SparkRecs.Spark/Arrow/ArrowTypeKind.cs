namespace SparkRecs.Spark.Arrow;

/// <summary>
/// The Arrow logical types this reader decodes: what Spark sends for the columns the Spark engine reads
/// (ids, counts, ratings, keys, timestamps, ALS factor arrays, top-N structs). Every other Arrow type is
/// refused when the schema is read, with its name.
/// </summary>
public enum ArrowTypeKind
{
    /// <summary>Signed 32-bit integer (Spark <c>IntegerType</c>); <see cref="Int32Column"/>.</summary>
    Int32,

    /// <summary>Signed 64-bit integer (Spark <c>LongType</c>); <see cref="Int64Column"/>.</summary>
    Int64,

    /// <summary>IEEE 754 single precision (Spark <c>FloatType</c>); <see cref="Float32Column"/>.</summary>
    Float32,

    /// <summary>IEEE 754 double precision (Spark <c>DoubleType</c>); <see cref="Float64Column"/>.</summary>
    Float64,

    /// <summary>Bit-packed boolean (Spark <c>BooleanType</c>); <see cref="BoolColumn"/>.</summary>
    Bool,

    /// <summary>UTF-8 string with 32-bit offsets (Spark <c>StringType</c>); <see cref="Utf8Column"/>.</summary>
    Utf8,

    /// <summary>UTF-8 string with 64-bit offsets (Spark with large var types enabled); <see cref="LargeUtf8Column"/>.</summary>
    LargeUtf8,

    /// <summary>64-bit count of a <see cref="ArrowTimeUnit"/> since the Unix epoch, with an optional time zone; <see cref="TimestampColumn"/>.</summary>
    Timestamp,

    /// <summary>32-bit count of days since the Unix epoch (Spark <c>DateType</c>); <see cref="Date32Column"/>.</summary>
    Date32,

    /// <summary>Variable-length list with 32-bit offsets and one child (Spark <c>ArrayType</c>); <see cref="ListColumn"/>.</summary>
    List,

    /// <summary>Struct of named children (Spark <c>StructType</c>); <see cref="StructColumn"/>.</summary>
    Struct,
}
