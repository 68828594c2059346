using System.Runtime.InteropServices;

namespace SparkRecs.Spark.Arrow;

/// <summary>
/// A column of UTF-8 strings with 64-bit offsets (Arrow LargeUtf8, what Spark sends for strings when
/// <c>spark.sql.execution.arrow.useLargeVarTypes</c> is on). The reader refuses a batch whose data buffer
/// exceeds 2 GiB, so every offset fits an int once validated.
/// </summary>
public sealed class LargeUtf8Column : StringColumn
{
    private readonly ReadOnlyMemory<byte> _offsets;

    internal LargeUtf8Column(ArrowField field, int length, int nullCount, ReadOnlyMemory<byte> validity, ReadOnlyMemory<byte> offsets, ReadOnlyMemory<byte> data)
        : base(field, length, nullCount, validity, data)
    {
        _offsets = offsets;
    }

    /// <summary><see cref="ArrowColumn.Length"/> + 1 non-decreasing offsets into <see cref="StringColumn.Data"/>.</summary>
    public ReadOnlySpan<long> Offsets => MemoryMarshal.Cast<byte, long>(_offsets.Span)[..(Length + 1)];

    private protected override (int Start, int Length) Slot(int row)
    {
        ReadOnlySpan<long> offsets = Offsets;
        return ((int)offsets[row], (int)(offsets[row + 1] - offsets[row]));
    }
}
