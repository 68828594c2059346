namespace SparkRecs.Warehouse.Discovery;

/// <summary>
/// One data file of a table, with the partition values of the folders above it.
/// </summary>
/// <param name="Path">Full path of the file.</param>
/// <param name="Length">Size on disk in bytes (compressed size for <c>.gz</c>).</param>
/// <param name="PartitionValues">The <c>key=value</c> folder levels from the table root down, in order.</param>
/// <param name="Day">The day of its date partition, or null for an undated file.</param>
public sealed record EventFile(string Path, long Length, IReadOnlyList<KeyValuePair<string, string>> PartitionValues, DateOnly? Day)
{
    /// <summary>A file outside any partition (a single file, or a flat table folder).</summary>
    public static EventFile Unpartitioned(string path) => new(System.IO.Path.GetFullPath(path), new FileInfo(path).Length, [], null);

    /// <summary>The value of partition key <paramref name="key"/> (ordinal, case-insensitive), or null.</summary>
    public string? PartitionValue(ReadOnlySpan<char> key)
    {
        foreach ((string k, string v) in PartitionValues)
        {
            if (key.Equals(k, StringComparison.OrdinalIgnoreCase))
            {
                return v;
            }
        }
        return null;
    }
}
