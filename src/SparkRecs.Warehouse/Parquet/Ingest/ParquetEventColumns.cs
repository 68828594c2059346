using System.Globalization;
using SparkRecs.Core.Errors;
using SparkRecs.Warehouse.Discovery;
using SparkRecs.Warehouse.Options;

namespace SparkRecs.Warehouse.Parquet.Ingest;

/// <summary>
/// The configured column mapping resolved against one Parquet file's schema: each event field is a
/// file column, a partition value, or nothing.
/// </summary>
/// <remarks>
/// A name is looked up as a column (ordinal, case-insensitive), then as a partition key of the file
/// (<c>region</c>, <c>dt</c>), then as a zero-based column index. Schema drift between days is
/// handled per field:
/// <list type="bullet">
/// <item>user or item missing: the file is refused with a <see cref="DataException"/> naming the
/// file, the field and the file's columns (without keys no row is usable, and a whole day of
/// <c>MissingKey</c> rejections would hide a renamed column behind a bad-data count);</item>
/// <item>timestamp, value or event type missing: the field is null in every row of that file, and the
/// validation decides as for an empty CSV field (a mapped timestamp counts <c>BadTimestamp</c>, an
/// explicit rating <c>MissingValue</c>, an event type <c>UnknownEventType</c>; a quantity multiplying
/// event weights defaults to 1), so the rows are counted per reason, never dropped silently.</item>
/// </list>
/// </remarks>
internal sealed class ParquetEventColumns
{
    private ParquetEventColumns(ParquetFieldSource user, ParquetFieldSource item, ParquetFieldSource timestamp, ParquetFieldSource value, ParquetFieldSource eventType)
    {
        User = user;
        Item = item;
        Timestamp = timestamp;
        Value = value;
        EventType = eventType;
    }

    /// <summary>Source of the user key.</summary>
    public ParquetFieldSource User { get; }

    /// <summary>Source of the item key.</summary>
    public ParquetFieldSource Item { get; }

    /// <summary>Source of the event time.</summary>
    public ParquetFieldSource Timestamp { get; }

    /// <summary>Source of the rating or quantity.</summary>
    public ParquetFieldSource Value { get; }

    /// <summary>Source of the event type.</summary>
    public ParquetFieldSource EventType { get; }

    /// <summary>The fields in the order <see cref="ParquetEventFileReader"/> reads them: user, item, timestamp, value, event type.</summary>
    public ParquetFieldSource[] InReadOrder() => [User, Item, Timestamp, Value, EventType];

    /// <summary>Resolves the mapping (with format defaults applied) against <paramref name="file"/>.</summary>
    /// <exception cref="DataException">The user or item column is missing.</exception>
    public static ParquetEventColumns Resolve(ColumnMapping columns, ParquetFile parquet, EventFile file)
        => new(
            Find(columns.User, "user", required: true, parquet, file),
            Find(columns.Item, "item", required: true, parquet, file),
            Find(columns.Timestamp, "timestamp", required: false, parquet, file),
            Find(columns.Value, "value", required: false, parquet, file),
            Find(columns.EventType, "eventType", required: false, parquet, file));

    private static ParquetFieldSource Find(string? name, string field, bool required, ParquetFile parquet, EventFile file)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return ParquetFieldSource.None;
        }

        name = name.Trim();
        IReadOnlyList<ParquetColumnSchema> schema = parquet.Columns;
        foreach (ParquetColumnSchema column in schema)
        {
            if (column.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return new ParquetFieldSource(column, null, null);
            }
        }

        if (file.PartitionValue(name) is { } constant)
        {
            return new ParquetFieldSource(null, constant, null);
        }

        if (int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out int index) && index < schema.Count)
        {
            return new ParquetFieldSource(schema[index], null, null);
        }

        if (!required)
        {
            return new ParquetFieldSource(null, null, name);
        }

        throw new DataException(
            $"'{file.Path}' has no column '{name}' for ingest:columns:{field}; its columns are: {string.Join(", ", schema.Select(c => c.Name))}. "
            + "A key column must exist in every file: fix the mapping, or rewrite the files of the days where it was renamed.");
    }
}
