using System.Runtime.InteropServices;

namespace SparkRecs.Spark.Arrow;

/// <summary>A column of UTF-8 strings with 32-bit offsets (Arrow Utf8, Spark <c>StringType</c>).</summary>
public sealed class Utf8Column : StringColumn
{
    private readonly ReadOnlyMemory<byte> _offsets;

    internal Utf8Column(ArrowField field, int length, int nullCount, ReadOnlyMemory<byte> validity, ReadOnlyMemory<byte> offsets, ReadOnlyMemory<byte> data)
        : base(field, length, nullCount, validity, data)
    {
        _offsets = offsets;
    }

    /// <summary>
    /// <see cref="ArrowColumn.Length"/> + 1 non-decreasing offsets into <see cref="StringColumn.Data"/>; the
    /// first need not be 0 (a producer may send a slice of a larger array).
    /// </summary>
    public ReadOnlySpan<int> Offsets => MemoryMarshal.Cast<byte, int>(_offsets.Span)[..(Length + 1)];

    private protected override (int Start, int Length) Slot(int row)
    {
        ReadOnlySpan<int> offsets = Offsets;
        return (offsets[row], offsets[row + 1] - offsets[row]);
    }
}
