namespace SparkRecs.Spark.Arrow;

/// <summary>A column of 64-bit signed integers (Spark LongType); <see cref="PrimitiveColumn{T}.Values"/> reads them in place.</summary>
public sealed class Int64Column : PrimitiveColumn<long>
{
    internal Int64Column(ArrowField field, int length, int nullCount, ReadOnlyMemory<byte> validity, ReadOnlyMemory<byte> values)
        : base(field, length, nullCount, validity, values)
    {
    }
}
