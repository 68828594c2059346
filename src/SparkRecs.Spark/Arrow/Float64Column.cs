namespace SparkRecs.Spark.Arrow;

/// <summary>A column of double-precision floats (Spark DoubleType); <see cref="PrimitiveColumn{T}.Values"/> reads them in place.</summary>
public sealed class Float64Column : PrimitiveColumn<double>
{
    internal Float64Column(ArrowField field, int length, int nullCount, ReadOnlyMemory<byte> validity, ReadOnlyMemory<byte> values)
        : base(field, length, nullCount, validity, values)
    {
    }
}
