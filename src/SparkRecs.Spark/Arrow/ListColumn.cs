using System.Runtime.InteropServices;

namespace SparkRecs.Spark.Arrow;

/// <summary>
/// A column of variable-length lists (Spark <c>ArrayType</c>): slot i holds elements
/// [Offsets[i], Offsets[i+1]) of the child array <see cref="Values"/>. For ALS factors
/// (<c>features array&lt;float&gt;</c>) the child is a <see cref="Float32Column"/>, so a user's factor
/// vector is <c>values.Values.Slice(start, count)</c> with no copy; for <c>recommendForAllUsers</c> it is a
/// <see cref="StructColumn"/> of <c>item</c> (Int32) and <c>rating</c> (Float32).
/// </summary>
public sealed class ListColumn : ArrowColumn
{
    private readonly ReadOnlyMemory<byte> _offsets;

    internal ListColumn(ArrowField field, int length, int nullCount, ReadOnlyMemory<byte> validity, ReadOnlyMemory<byte> offsets, ArrowColumn values)
        : base(field, length, nullCount, validity)
    {
        _offsets = offsets;
        Values = values;
    }

    /// <summary>
    /// <see cref="ArrowColumn.Length"/> + 1 non-decreasing offsets into <see cref="Values"/>; the first need
    /// not be 0. A null list has an empty range.
    /// </summary>
    public ReadOnlySpan<int> Offsets => MemoryMarshal.Cast<byte, int>(_offsets.Span)[..(Length + 1)];

    /// <summary>The child array holding every list's elements back to back.</summary>
    public ArrowColumn Values { get; }

    /// <summary>The element range of slot <paramref name="row"/> in <see cref="Values"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="row"/> is outside [0, Length).</exception>
    public (int Start, int Count) GetValueRange(int row)
    {
        if ((uint)row >= (uint)Length)
        {
            throw new ArgumentOutOfRangeException(nameof(row), row, $"column '{Field.Path}' has {Length} slots");
        }

        ReadOnlySpan<int> offsets = Offsets;
        return (offsets[row], offsets[row + 1] - offsets[row]);
    }

    /// <summary><see cref="Values"/> as the column type the caller expects.</summary>
    /// <exception cref="ArrowFormatException">The element type is another one (problem <see cref="ArrowProblem.UnexpectedSchema"/>).</exception>
    public T ValuesAs<T>()
        where T : ArrowColumn => ColumnCast.To<T>(Values);
}
