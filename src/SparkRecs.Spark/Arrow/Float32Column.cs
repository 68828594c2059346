namespace SparkRecs.Spark.Arrow;

/// <summary>A column of single-precision floats (Spark FloatType; the values of ALS factor arrays); <see cref="PrimitiveColumn{T}.Values"/> reads them in place.</summary>
public sealed class Float32Column : PrimitiveColumn<float>
{
    internal Float32Column(ArrowField field, int length, int nullCount, ReadOnlyMemory<byte> validity, ReadOnlyMemory<byte> values)
        : base(field, length, nullCount, validity, values)
    {
    }
}
