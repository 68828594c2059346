namespace SparkRecs.Spark.Arrow;

/// <summary>
/// The logical type of a field. <see cref="TimeUnit"/> and <see cref="TimeZone"/> only mean something for
/// <see cref="ArrowTypeKind.Timestamp"/>: a timestamp with a zone (Spark <c>TimestampType</c>, the session
/// zone) counts from the UTC epoch; one without (Spark <c>TimestampNTZType</c>) is wall-clock time.
/// Children of lists and structs are on the <see cref="ArrowField"/>, not here.
/// </summary>
/// <param name="Kind">Which of the supported types.</param>
/// <param name="TimeUnit">Timestamp unit; <see cref="ArrowTimeUnit.Second"/> (ignored) for other kinds.</param>
/// <param name="TimeZone">Timestamp zone name or offset as written by the producer (e.g. <c>UTC</c>, <c>+02:00</c>), or null.</param>
public sealed record ArrowType(ArrowTypeKind Kind, ArrowTimeUnit TimeUnit = ArrowTimeUnit.Second, string? TimeZone = null)
{
    /// <summary>The type as a short readable name, e.g. <c>Timestamp(Microsecond, UTC)</c>, used in error messages.</summary>
    public override string ToString() => Kind == ArrowTypeKind.Timestamp
        ? $"Timestamp({TimeUnit}{(TimeZone is null ? string.Empty : ", " + TimeZone)})"
        : Kind.ToString();
}
