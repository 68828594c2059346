namespace SparkRecs.Spark.Arrow;

/// <summary>A column of 32-bit signed integers (Spark IntegerType); <see cref="PrimitiveColumn{T}.Values"/> reads them in place.</summary>
public sealed class Int32Column : PrimitiveColumn<int>
{
    internal Int32Column(ArrowField field, int length, int nullCount, ReadOnlyMemory<byte> validity, ReadOnlyMemory<byte> values)
        : base(field, length, nullCount, validity, values)
    {
    }
}
