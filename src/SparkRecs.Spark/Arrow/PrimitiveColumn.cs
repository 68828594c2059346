using System.Runtime.InteropServices;

namespace SparkRecs.Spark.Arrow;

/// <summary>
/// A fixed-width column: <see cref="Values"/> is the body's value buffer reinterpreted as
/// <typeparamref name="T"/> (little-endian, as the reader refuses big-endian streams). Hoist
/// <c>var values = column.Values;</c> out of loops: each call re-derives the span from memory.
/// </summary>
/// <typeparam name="T">The value type (int, long, float, double).</typeparam>
public abstract class PrimitiveColumn<T> : ArrowColumn
    where T : unmanaged
{
    private readonly ReadOnlyMemory<byte> _values;

    private protected PrimitiveColumn(ArrowField field, int length, int nullCount, ReadOnlyMemory<byte> validity, ReadOnlyMemory<byte> values)
        : base(field, length, nullCount, validity)
    {
        _values = values;
    }

    /// <summary>One value per slot; null slots hold unspecified values (see <see cref="ArrowColumn.IsNull"/>).</summary>
    public ReadOnlySpan<T> Values => MemoryMarshal.Cast<byte, T>(_values.Span)[..Length];
}
