namespace SparkRecs.Spark.Arrow;

/// <summary>
/// A column of timestamps: signed counts of <see cref="Unit"/> since the Unix epoch. With a
/// <see cref="TimeZone"/> (Spark <c>TimestampType</c>) the count is from 1970-01-01T00:00:00Z; without
/// (Spark <c>TimestampNTZType</c>) it is a wall-clock reading with no zone.
/// </summary>
public sealed class TimestampColumn : PrimitiveColumn<long>
{
    internal TimestampColumn(ArrowField field, int length, int nullCount, ReadOnlyMemory<byte> validity, ReadOnlyMemory<byte> values)
        : base(field, length, nullCount, validity, values)
    {
    }

    /// <summary>The unit of <see cref="PrimitiveColumn{T}.Values"/>.</summary>
    public ArrowTimeUnit Unit => Field.Type.TimeUnit;

    /// <summary>The producer's time zone (e.g. <c>UTC</c>, <c>Europe/Paris</c>, <c>+02:00</c>), or null for zone-less timestamps.</summary>
    public string? TimeZone => Field.Type.TimeZone;

    /// <summary>
    /// Slot <paramref name="row"/> in Unix milliseconds, the unit of <c>InteractionTable</c> timestamps:
    /// finer units are floored (so -1 µs is -1 ms, before the epoch, not 0); seconds are scaled exactly.
    /// Not checked for null.
    /// </summary>
    /// <exception cref="OverflowException">A seconds value beyond ±292 million years.</exception>
    public long GetUnixMilliseconds(int row)
    {
        long value = Values[row];
        return Unit switch
        {
            ArrowTimeUnit.Second => checked(value * 1000),
            ArrowTimeUnit.Millisecond => value,
            ArrowTimeUnit.Microsecond => FloorDivide(value, 1000L),
            _ => FloorDivide(value, 1_000_000L),
        };
    }

    private static long FloorDivide(long value, long divisor)
    {
        long quotient = Math.DivRem(value, divisor, out long remainder);
        return remainder < 0 ? quotient - 1 : quotient;
    }
}
