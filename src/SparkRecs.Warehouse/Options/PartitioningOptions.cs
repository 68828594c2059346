namespace SparkRecs.Warehouse.Options;

/// <summary>
/// How the warehouse folders are laid out (config section <c>ingest:partitioning</c>). Folders are
/// Hive-style <c>key=value</c> levels, any number and in any order
/// (<c>region=eu/dt=2024-05-01/part-00000.csv.gz</c>); the level named <see cref="DateKey"/> carries the day.
/// </summary>
public sealed record PartitioningOptions
{
    /// <summary>The partition key holding the day, written <c>yyyy-MM-dd</c> (or <c>yyyyMMdd</c>).</summary>
    public string DateKey { get; init; } = "dt";
}
