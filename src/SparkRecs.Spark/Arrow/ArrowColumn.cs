namespace SparkRecs.Spark.Arrow;

/// <summary>
/// One decoded array of a record batch (a top-level column, a struct member or a list's values): a typed
/// view over the message body, not a copy. Values are read through spans on the subclasses
/// (<see cref="PrimitiveColumn{T}.Values"/>, <see cref="ListColumn.Offsets"/>, ...); no value is boxed and no
/// string is created unless asked for.
/// <para>
/// A null slot's value bytes are unspecified (usually 0): check <see cref="IsNull"/> before trusting a
/// value when <see cref="NullCount"/> is not 0. Nullness is per array: a struct member can be valid in a
/// row where the struct itself is null, as in the Arrow format.
/// </para>
/// <para>
/// The column keeps the stream's body alive (it holds a slice of the caller's memory, or of the buffer
/// the reader filled from a <see cref="Stream"/>); copy what must outlive the batch.
/// </para>
/// </summary>
public abstract class ArrowColumn
{
    private readonly ReadOnlyMemory<byte> _validity;

    private protected ArrowColumn(ArrowField field, int length, int nullCount, ReadOnlyMemory<byte> validity)
    {
        Field = field;
        Length = length;
        NullCount = nullCount;
        _validity = nullCount == 0 ? ReadOnlyMemory<byte>.Empty : validity;
    }

    /// <summary>The schema field this column decodes (name, path, type, children).</summary>
    public ArrowField Field { get; }

    /// <summary>Number of slots (rows for a top-level column, elements for a list's values).</summary>
    public int Length { get; }

    /// <summary>Number of null slots, as the producer recorded it.</summary>
    public int NullCount { get; }

    /// <summary>
    /// The validity bitmap (bit i of byte i/8, least significant bit first: 1 = valid), or empty when the
    /// column has no nulls.
    /// </summary>
    public ReadOnlySpan<byte> ValidityBitmap => _validity.Span;

    /// <summary>
    /// Whether slot <paramref name="row"/> is null. In a hot loop over a column with nulls, read
    /// <see cref="ValidityBitmap"/> once and test bits directly instead.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="row"/> is outside [0, <see cref="Length"/>).</exception>
    public bool IsNull(int row)
    {
        if ((uint)row >= (uint)Length)
        {
            throw new ArgumentOutOfRangeException(nameof(row), row, $"column '{Field.Path}' has {Length} slots");
        }

        return !_validity.IsEmpty && (_validity.Span[row >> 3] & (1 << (row & 7))) == 0;
    }

    /// <summary>Whether slot <paramref name="row"/> holds a value.</summary>
    public bool IsValid(int row) => !IsNull(row);

    /// <inheritdoc />
    public override string ToString() => $"{Field.Path}: {Field.Type}, {Length} slots, {NullCount} null";
}
