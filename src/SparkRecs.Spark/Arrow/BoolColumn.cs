namespace SparkRecs.Spark.Arrow;

/// <summary>A column of booleans, bit-packed like the validity bitmap (bit i of byte i/8, LSB first).</summary>
public sealed class BoolColumn : ArrowColumn
{
    private readonly ReadOnlyMemory<byte> _bits;

    internal BoolColumn(ArrowField field, int length, int nullCount, ReadOnlyMemory<byte> validity, ReadOnlyMemory<byte> bits)
        : base(field, length, nullCount, validity)
    {
        _bits = bits;
    }

    /// <summary>The packed value bits, at least ceil(<see cref="ArrowColumn.Length"/> / 8) bytes.</summary>
    public ReadOnlySpan<byte> ValueBits => _bits.Span;

    /// <summary>The value in slot <paramref name="row"/> (not checked for null).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="row"/> is outside [0, Length).</exception>
    public bool GetValue(int row)
    {
        if ((uint)row >= (uint)Length)
        {
            throw new ArgumentOutOfRangeException(nameof(row), row, $"column '{Field.Path}' has {Length} slots");
        }

        return (_bits.Span[row >> 3] & (1 << (row & 7))) != 0;
    }
}
