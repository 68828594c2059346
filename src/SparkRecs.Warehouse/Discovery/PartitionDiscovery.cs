using System.Globalization;
using SparkRecs.Core.Errors;

namespace SparkRecs.Warehouse.Discovery;

/// <summary>
/// Finds the data files of a Hive-style partitioned table and selects the days of a window.
/// </summary>
/// <remarks>
/// A table is a folder tree of <c>key=value</c> levels (<c>dt=2024-05-01</c>,
/// <c>region=eu/dt=2024-05-01</c>) with data files named <c>part-*</c> and ending in
/// <see cref="DataExtensions"/>, optionally <c>.gz</c>. Names starting with <c>_</c> or <c>.</c>
/// (<c>_SUCCESS</c>, <c>_temporary</c>, <c>.crc</c> files) are bookkeeping of the writers and are
/// skipped, as are files not named <c>part-*</c>. Data files straight under the root make an
/// undated (flat) table. Partition values are not URL-decoded.
/// </remarks>
public static class PartitionDiscovery
{
    /// <summary>The data file extensions recognised before an optional <c>.gz</c>.</summary>
    public static IReadOnlyList<string> DataExtensions { get; } = [".csv", ".tsv", ".jsonl", ".parquet"];

    /// <summary>
    /// Lists the data files under <paramref name="root"/> whose date partition lies in
    /// <paramref name="window"/> (all of them when it is null) and the days of the window with no data.
    /// </summary>
    /// <param name="root">The table folder.</param>
    /// <param name="window">Days to read; open ends (DateOnly.MinValue / MaxValue) are clipped to the data.</param>
    /// <param name="dateKey">The partition key holding the day.</param>
    /// <exception cref="DataException">The root is missing, a date partition value is not a date, or dated and undated files are mixed.</exception>
    public static PartitionDiscoveryResult Discover(string root, DayRange? window, string dateKey = "dt")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dateKey);
        if (!Directory.Exists(root))
        {
            throw new DataException($"The table folder '{root}' does not exist; check ingest:path (and ingest:table).");
        }
        var found = new List<EventFile>();
        Walk(new DirectoryInfo(root), [], null, dateKey, found);
        found.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));

        bool dated = found.Any(f => f.Day is not null);
        if (dated && found.FirstOrDefault(f => f.Day is null) is { } undated)
        {
            throw new DataException($"'{undated.Path}' is not under a '{dateKey}=' folder while other files of '{root}' are; move it into its day's partition or out of the table.");
        }
        if (!dated)
        {
            return new PartitionDiscoveryResult(found, null, [], false);
        }

        List<EventFile> selected = window is { } w ? found.Where(f => w.Contains(f.Day!.Value)).ToList() : found;
        DayRange? days = CoveredDays(window, found);
        var withData = new HashSet<DateOnly>(selected.Where(f => f.Length > 0).Select(f => f.Day!.Value));
        List<DateOnly> missing = days is { } d ? d.Days().Where(day => !withData.Contains(day)).ToList() : [];
        return new PartitionDiscoveryResult(selected, days, missing, true);
    }

    /// <summary>True when <paramref name="fileName"/> is a data file name: <c>part-*</c> with a known extension, optionally gzipped.</summary>
    public static bool IsDataFileName(ReadOnlySpan<char> fileName)
    {
        if (!fileName.StartsWith("part-", StringComparison.Ordinal))
        {
            return false;
        }
        if (fileName.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            fileName = fileName[..^3];
        }
        foreach (string extension in DataExtensions)
        {
            if (fileName.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Parses a date partition value written <c>yyyy-MM-dd</c> or <c>yyyyMMdd</c>.</summary>
    public static bool TryParseDay(ReadOnlySpan<char> value, out DateOnly day)
        => DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day)
        || DateOnly.TryParseExact(value, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);

    private static void Walk(DirectoryInfo folder, List<KeyValuePair<string, string>> values, DateOnly? day, string dateKey, List<EventFile> found)
    {
        foreach (FileInfo file in folder.EnumerateFiles())
        {
            if (IsDataFileName(file.Name))
            {
                found.Add(new EventFile(file.FullName, file.Length, values.ToArray(), day));
            }
        }
        foreach (DirectoryInfo child in folder.EnumerateDirectories())
        {
            string name = child.Name;
            int eq = name.IndexOf('=');
            if (name.StartsWith('_') || name.StartsWith('.') || eq <= 0)
            {
                continue;
            }
            string key = name[..eq];
            string value = name[(eq + 1)..];
            DateOnly? childDay = day;
            if (key.Equals(dateKey, StringComparison.OrdinalIgnoreCase))
            {
                if (!TryParseDay(value, out DateOnly parsed))
                {
                    throw new DataException($"The partition folder '{child.FullName}' has {dateKey}='{value}', which is not a yyyy-MM-dd date; rename it or move it out of the table.");
                }
                childDay = parsed;
            }
            values.Add(new KeyValuePair<string, string>(key, value));
            Walk(child, values, childDay, dateKey, found);
            values.RemoveAt(values.Count - 1);
        }
    }

    private static DayRange? CoveredDays(DayRange? window, List<EventFile> files)
    {
        DateOnly first = files.Count > 0 ? files.Min(f => f.Day!.Value) : DateOnly.MaxValue;
        DateOnly last = files.Count > 0 ? files.Max(f => f.Day!.Value) : DateOnly.MinValue;
        DateOnly from = window is { } w && w.From != DateOnly.MinValue ? w.From : first;
        DateOnly to = window is { } v && v.To < DateOnly.MaxValue.AddDays(-1) ? v.To : last;
        return from <= to ? new DayRange(from, to) : null;
    }
}
