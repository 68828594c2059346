namespace SparkRecs.Warehouse.Discovery;

/// <summary>What <see cref="PartitionDiscovery.Discover"/> found under a table root.</summary>
/// <param name="Files">The data files to read, ordered by path.</param>
/// <param name="Days">The days the read covers: the window clipped to the data when its ends are open, null for an undated table.</param>
/// <param name="MissingDays">Days of <paramref name="Days"/> with no data file, or only empty (0-byte) ones.</param>
/// <param name="IsDatePartitioned">True when the files sit under date partition folders.</param>
public sealed record PartitionDiscoveryResult(
    IReadOnlyList<EventFile> Files,
    DayRange? Days,
    IReadOnlyList<DateOnly> MissingDays,
    bool IsDatePartitioned);
