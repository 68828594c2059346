namespace SparkRecs.Pipeline.Engines.Spark;

/// <summary>
/// The session-scoped temporary views one Spark run creates, in the order it creates them. They
/// live in the run's own Spark session and disappear when the session is released.
/// </summary>
internal static class SparkViews
{
    /// <summary>The raw rows of the events table (the data source read).</summary>
    public const string Source = "sparkrecs_source";

    /// <summary>The window's rows parsed into typed fields with a validity flag.</summary>
    public const string Parsed = "sparkrecs_parsed";

    /// <summary>The cleaned events: <c>(user_key, item_key, value, ts_ms)</c>.</summary>
    public const string Events = "sparkrecs_events";

    /// <summary>The events before the evaluation cutoff.</summary>
    public const string Train = "sparkrecs_train";

    /// <summary>Prefix of one model's views (<c>eval</c> or <c>final</c> follows).</summary>
    public const string ModelPrefix = "sparkrecs_";
}
