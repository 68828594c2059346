namespace SparkRecs.Warehouse.Options;

/// <summary>
/// Which days to read (config section <c>ingest:window</c>): either an inclusive
/// <see cref="From"/>..<see cref="To"/> range (either end may be open), or the
/// <see cref="LookbackDays"/> days ending at <see cref="End"/> inclusive (yesterday, UTC, when
/// <see cref="End"/> is unset, so a daily job reads only complete days). Nothing set means every partition.
/// </summary>
/// <remarks>
/// For a date-partitioned table the window selects partitions and every row of a selected
/// partition is kept, whatever its timestamp (late events land in the next day's folder, and
/// dropping them would lose data). For an undated source (one file, or a flat folder) the window
/// filters rows by timestamp instead, counted in the report as outside the window.
/// </remarks>
public sealed record IngestWindow
{
    /// <summary>First day read, inclusive.</summary>
    public DateOnly? From { get; init; }

    /// <summary>Last day read, inclusive.</summary>
    public DateOnly? To { get; init; }

    /// <summary>Number of days read, ending at <see cref="End"/>; exclusive with <see cref="From"/>/<see cref="To"/>.</summary>
    public int? LookbackDays { get; init; }

    /// <summary>Last day of a lookback window, inclusive; defaults to yesterday (UTC).</summary>
    public DateOnly? End { get; init; }

    /// <summary>True when no bound is set.</summary>
    public bool IsUnbounded => From is null && To is null && LookbackDays is null;
}
