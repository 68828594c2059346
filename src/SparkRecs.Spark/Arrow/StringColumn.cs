using System.Text;

namespace SparkRecs.Spark.Arrow;

/// <summary>
/// A column of UTF-8 strings: one data buffer addressed by offsets (slot i is bytes
/// [Offsets[i], Offsets[i+1]) of <see cref="Data"/>). <see cref="GetBytes"/> returns a span so a caller
/// mapping keys to ids can hash the bytes without creating a string; <see cref="GetString"/> allocates.
/// The bytes are not validated as UTF-8 (decoding replaces invalid sequences with U+FFFD).
/// </summary>
public abstract class StringColumn : ArrowColumn
{
    private readonly ReadOnlyMemory<byte> _data;

    private protected StringColumn(ArrowField field, int length, int nullCount, ReadOnlyMemory<byte> validity, ReadOnlyMemory<byte> data)
        : base(field, length, nullCount, validity)
    {
        _data = data;
    }

    /// <summary>The concatenated UTF-8 bytes of all slots.</summary>
    public ReadOnlySpan<byte> Data => _data.Span;

    /// <summary>The UTF-8 bytes of slot <paramref name="row"/> (empty for a null slot).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="row"/> is outside [0, Length).</exception>
    public ReadOnlySpan<byte> GetBytes(int row)
    {
        if ((uint)row >= (uint)Length)
        {
            throw new ArgumentOutOfRangeException(nameof(row), row, $"column '{Field.Path}' has {Length} slots");
        }

        (int start, int length) = Slot(row);
        return _data.Span.Slice(start, length);
    }

    /// <summary>Slot <paramref name="row"/> as a new string, or null for a null slot.</summary>
    public string? GetString(int row) => IsNull(row) ? null : Encoding.UTF8.GetString(GetBytes(row));

    /// <summary>Start and length of a slot in <see cref="Data"/>; the reader validated all offsets.</summary>
    private protected abstract (int Start, int Length) Slot(int row);
}
