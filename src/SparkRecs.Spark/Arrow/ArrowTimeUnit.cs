namespace SparkRecs.Spark.Arrow;

/// <summary>The unit of a <see cref="ArrowTypeKind.Timestamp"/> value (Arrow's <c>TimeUnit</c>, same numbering).</summary>
public enum ArrowTimeUnit
{
    /// <summary>Seconds since the Unix epoch.</summary>
    Second = 0,

    /// <summary>Milliseconds since the Unix epoch.</summary>
    Millisecond = 1,

    /// <summary>Microseconds since the Unix epoch (what Spark sends for <c>TimestampType</c> and <c>TimestampNTZType</c>).</summary>
    Microsecond = 2,

    /// <summary>Nanoseconds since the Unix epoch.</summary>
    Nanosecond = 3,
}
