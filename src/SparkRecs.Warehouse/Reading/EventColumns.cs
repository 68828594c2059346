using SparkRecs.Core.Errors;
using SparkRecs.Warehouse.Discovery;
using SparkRecs.Warehouse.Options;

namespace SparkRecs.Warehouse.Reading;

/// <summary>
/// The configured column mapping resolved against one file: for each event field, the file column
/// or partition constant it comes from.
/// </summary>
public sealed class EventColumns
{
    private EventColumns(ColumnSource user, ColumnSource item, ColumnSource timestamp, ColumnSource value, ColumnSource eventType)
    {
        User = user;
        Item = item;
        Timestamp = timestamp;
        Value = value;
        EventType = eventType;
        MaxIndex = Math.Max(Math.Max(Math.Max(user.Index, item.Index), Math.Max(timestamp.Index, value.Index)), eventType.Index);
    }

    /// <summary>Source of the user key.</summary>
    public ColumnSource User { get; }

    /// <summary>Source of the item key.</summary>
    public ColumnSource Item { get; }

    /// <summary>Source of the timestamp.</summary>
    public ColumnSource Timestamp { get; }

    /// <summary>Source of the rating or weight.</summary>
    public ColumnSource Value { get; }

    /// <summary>Source of the event type.</summary>
    public ColumnSource EventType { get; }

    /// <summary>The largest file column index used, or -1; a row needs more fields than this.</summary>
    public int MaxIndex { get; }

    /// <summary>
    /// Resolves each mapped name: a header name first (ordinal, case-insensitive), then a partition
    /// key of the file, then a zero-based index written as digits.
    /// </summary>
    /// <param name="columns">The mapping with format defaults applied.</param>
    /// <param name="header">The file's column names, or null for a file without a header.</param>
    /// <param name="file">The file, for its partition values and for error messages.</param>
    /// <exception cref="DataException">A mapped name matches no column, partition key or index.</exception>
    public static EventColumns Resolve(ColumnMapping columns, IReadOnlyList<string>? header, EventFile file)
        => new(
            Find(columns.User, "user", header, file),
            Find(columns.Item, "item", header, file),
            Find(columns.Timestamp, "timestamp", header, file),
            Find(columns.Value, "value", header, file),
            Find(columns.EventType, "eventType", header, file));

    private static ColumnSource Find(string? name, string field, IReadOnlyList<string>? header, EventFile file)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return ColumnSource.None;
        }
        name = name.Trim();
        if (header is not null)
        {
            for (int i = 0; i < header.Count; i++)
            {
                if (header[i].AsSpan().Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
                {
                    return new ColumnSource(i, null);
                }
            }
        }
        if (file.PartitionValue(name) is { } constant)
        {
            return new ColumnSource(-1, constant);
        }
        if (int.TryParse(name, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int index)
            && (header is null || index < header.Count))
        {
            return new ColumnSource(index, null);
        }
        string columnsText = header is null ? "it has no header, so name columns by zero-based index" : $"its columns are: {string.Join(", ", header)}";
        throw new DataException($"'{file.Path}' has no column '{name}' for ingest:columns:{field}; {columnsText}. Fix the mapping or the file.");
    }
}
