using System.Globalization;
using SparkRecs.Core.Data;
using SparkRecs.Warehouse.Discovery;
using SparkRecs.Warehouse.Ingest;
using SparkRecs.Warehouse.Reading;

namespace SparkRecs.Warehouse.Validation;

/// <summary>
/// The ingest's <see cref="IEventSink"/>: validates each row, maps its keys to dense ids and
/// appends it to the growing <see cref="InteractionTable"/>, with the event type id kept beside it
/// for de-duplication. Rejections are counted per reason in a <see cref="RejectionLog"/>.
/// </summary>
/// <remarks>
/// An empty value or timestamp field is an error only when the configured mapping (with the
/// configured format's defaults) maps that field; otherwise the value is 1 and the time is the
/// file's partition day (midnight UTC), or 0 for an undated file. A non-empty field is always
/// parsed, which lets <c>auto</c> read MovieLens <c>u.data</c> ratings through that format's defaults.
/// </remarks>
internal sealed class EventTableBuilder : IEventSink
{
    private readonly IngestPlan _plan;
    private readonly RejectionLog _rejections;
    private readonly bool _valueMapped;
    private readonly bool _timestampMapped;
    private readonly string _outOfRange;
    private ushort[] _types = new ushort[1024];
    private EventFile? _file;
    private long _fileDayMs;
    private bool _filterByTimestamp;

    public EventTableBuilder(IngestPlan plan, RejectionLog rejections)
    {
        _plan = plan;
        _rejections = rejections;
        _valueMapped = !string.IsNullOrWhiteSpace(plan.Columns.Value);
        _timestampMapped = !string.IsNullOrWhiteSpace(plan.Columns.Timestamp);
        _outOfRange = $"rating outside ingest:rating [{plan.Rating.Min?.ToString(CultureInfo.InvariantCulture) ?? "-inf"}, {plan.Rating.Max?.ToString(CultureInfo.InvariantCulture) ?? "inf"}]";
        Table = new InteractionTable(capacity: 1 << 16);
    }

    /// <summary>The accepted events so far.</summary>
    public InteractionTable Table { get; }

    /// <summary>Event type id of each row of <see cref="Table"/> (0 without an event type column).</summary>
    public ReadOnlySpan<ushort> Types => _types.AsSpan(0, Table.Count);

    /// <summary>Rows seen, accepted or not (rows outside the window included).</summary>
    public long RowsRead { get; private set; }

    /// <summary>Rows of undated files whose timestamp fell outside the window (dropped, not rejected).</summary>
    public long OutsideWindow { get; private set; }

    /// <summary>Bytes consumed of the current file, as last reported by its reader.</summary>
    public long FileBytes { get; private set; }

    /// <summary>Rows seen in the current file.</summary>
    public long FileRows { get; private set; }

    /// <summary>Called whenever a reader reports its position (every 65,536 rows and at the end of a file).</summary>
    public Action? Progress { get; set; }

    /// <summary>Starts a file: its date partition supplies the time of rows without a timestamp column.</summary>
    public void BeginFile(EventFile file)
    {
        _file = file;
        _fileDayMs = file.Day is { } day ? DayRange.UnixMsOf(day) : 0;
        _filterByTimestamp = file.Day is null && _plan.Window is not null;
        FileBytes = 0;
        FileRows = 0;
    }

    /// <inheritdoc />
    public void OnBytesRead(long bytes)
    {
        FileBytes = bytes;
        Progress?.Invoke();
    }

    /// <inheritdoc />
    public void OnMalformed(long line, RejectReason reason, ReadOnlySpan<char> raw, string detail)
    {
        RowsRead++;
        FileRows++;
        _rejections.Record(_file!.Path, line, reason, detail, default, raw);
    }

    /// <inheritdoc />
    public void OnEvent(in EventFields fields)
    {
        RowsRead++;
        FileRows++;
        ReadOnlySpan<char> user = fields.User.Trim();
        ReadOnlySpan<char> item = fields.Item.Trim();
        if (user.IsEmpty)
        {
            Reject(fields, RejectReason.MissingKey, "empty user key", default);
            return;
        }
        if (item.IsEmpty)
        {
            Reject(fields, RejectReason.MissingKey, "empty item key", default);
            return;
        }
        if (!TryValue(fields, out float value, out ushort type))
        {
            return;
        }
        long timestamp = _fileDayMs;
        if (!fields.Timestamp.IsEmpty || _timestampMapped)
        {
            if (!TimestampParser.TryParse(fields.Timestamp, _plan.TimestampFormat, out timestamp))
            {
                Reject(fields, RejectReason.BadTimestamp, "timestamp", fields.Timestamp);
                return;
            }
        }
        if (_filterByTimestamp && (timestamp < _plan.Window!.Value.StartUnixMs || timestamp >= _plan.Window.Value.EndUnixMsExclusive))
        {
            OutsideWindow++;
            return;
        }
        int row = Table.Count;
        if (row == _types.Length)
        {
            Array.Resize(ref _types, row * 2);
        }
        _types[row] = type;
        Table.Add(user, item, value, timestamp);
    }

    private bool TryValue(in EventFields fields, out float value, out ushort type)
    {
        type = 0;
        value = 1f;
        ReadOnlySpan<char> text = fields.Value.Trim();
        if (_plan.Weights is { } weights)
        {
            ReadOnlySpan<char> name = fields.EventType.Trim();
            if (!weights.TryGet(name, out type, out float weight))
            {
                Reject(fields, RejectReason.UnknownEventType, name.IsEmpty ? "empty event type" : "event type not in ingest:eventWeights", name);
                return false;
            }
            value = weight;
            if (!text.IsEmpty)
            {
                if (!TryNumber(text, out float quantity))
                {
                    Reject(fields, RejectReason.BadNumber, "value", text);
                    return false;
                }
                value *= quantity;
            }
            return true;
        }
        if (text.IsEmpty)
        {
            if (!_valueMapped)
            {
                return true;
            }
            Reject(fields, RejectReason.MissingValue, "empty rating", default);
            return false;
        }
        if (!TryNumber(text, out value))
        {
            Reject(fields, RejectReason.BadNumber, "rating", text);
            return false;
        }
        if (!_plan.Rating.Contains(value))
        {
            Reject(fields, RejectReason.RatingOutOfRange, _outOfRange, text);
            return false;
        }
        return true;
    }

    private static bool TryNumber(ReadOnlySpan<char> text, out float value)
        => float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && float.IsFinite(value);

    private void Reject(in EventFields fields, RejectReason reason, string what, ReadOnlySpan<char> value)
        => _rejections.Record(_file!.Path, fields.Line, reason, what, value, fields.Raw);
}
