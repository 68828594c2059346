namespace SparkRecs.Warehouse.Options;

/// <summary>
/// How timestamp fields are written. Config values: <c>auto</c>, <c>unix-seconds</c>,
/// <c>unix-millis</c>, <c>iso8601</c>.
/// </summary>
public enum TimestampFormat
{
    /// <summary>
    /// Per field: an integer below 10^11 is Unix seconds, at or above it Unix milliseconds (10^11 s is
    /// the year 5138 while 10^11 ms is 1973, so real data never sits on the wrong side); anything
    /// else is parsed as ISO 8601.
    /// </summary>
    Auto,

    /// <summary>Seconds since 1970-01-01T00:00:00Z, optionally with a fraction.</summary>
    UnixSeconds,

    /// <summary>Milliseconds since 1970-01-01T00:00:00Z.</summary>
    UnixMillis,

    /// <summary>ISO 8601 date or date-time; without an offset the time is taken as UTC.</summary>
    Iso8601,
}
