using System.Globalization;
using SparkRecs.Core.Data;
using SparkRecs.Warehouse.Discovery;
using SparkRecs.Warehouse.Ingest;
using SparkRecs.Warehouse.Reading;

namespace SparkRecs.Warehouse.Validation;

/// <summary>
/// The ingest's <see cref="IEventSink"/> for one file: validates each row, maps its keys to ids
/// local to the file and appends it to the file's own <see cref="InteractionTable"/>, with the
/// event type id kept beside it for de-duplication. Rejections are counted per reason in the
/// file's <see cref="FileRejections"/>. Files are read in parallel, each into its own builder,
/// and the ingest appends the builders to the result in file order.
/// </summary>
/// <remarks>
/// An empty value or timestamp field is an error only when the configured mapping (with the
/// configured format's defaults) maps that field; otherwise the value is 1 and the time is the
/// file's partition day (midnight UTC), or 0 for an undated file. A non-empty field is always
/// parsed, which lets <c>auto</c> read MovieLens <c>u.data</c> ratings through that format's defaults.
/// </remarks>
internal sealed class EventTableBuilder : IEventSink
{
    /// <summary>Accepted rows after which the table is sized for the whole file (see <see cref="ReserveForWholeFile"/>).</summary>
    private const int ReserveAfterRows = 1 << 20;

    private readonly IngestPlan _plan;
    private readonly EventFile _file;
    private readonly Action<EventTableBuilder>? _progress;
    private readonly bool _valueMapped;
    private readonly bool _timestampMapped;
    private readonly string _outOfRange;
    private readonly float _ratingMin;
    private readonly float _ratingMax;
    private readonly long _fileDayMs;
    private readonly bool _filterByTimestamp;
    private ushort[] _types = new ushort[1024];
    private bool _reserved;
    private int[] _userIds = [];
    private int[] _itemIds = [];

    /// <param name="plan">The validated options.</param>
    /// <param name="file">The file read; its date partition supplies the time of rows without a timestamp.</param>
    /// <param name="progress">Called (on the reading thread) whenever the reader reports its position.</param>
    public EventTableBuilder(IngestPlan plan, EventFile file, Action<EventTableBuilder>? progress)
    {
        _plan = plan;
        _file = file;
        _progress = progress;
        _valueMapped = !string.IsNullOrWhiteSpace(plan.Columns.Value);
        _timestampMapped = !string.IsNullOrWhiteSpace(plan.Columns.Timestamp);
        _outOfRange = $"rating outside ingest:rating [{plan.Rating.Min?.ToString(CultureInfo.InvariantCulture) ?? "-inf"}, {plan.Rating.Max?.ToString(CultureInfo.InvariantCulture) ?? "inf"}]";
        // Open bounds as infinities: the same test as RatingRange.Contains for the finite values that reach it, without the nullable checks per row.
        _ratingMin = plan.Rating.Min ?? float.NegativeInfinity;
        _ratingMax = plan.Rating.Max ?? float.PositiveInfinity;
        _fileDayMs = file.Day is { } day ? DayRange.UnixMsOf(day) : 0;
        _filterByTimestamp = file.Day is null && plan.Window is not null;
        Rejections = new FileRejections(file.Path, plan.QuarantinePath is null ? 0 : plan.QuarantineMaxRows);
        Table = new InteractionTable(capacity: 1 << 12);
    }

    /// <summary>The file read.</summary>
    public EventFile File => _file;

    /// <summary>The accepted events of the file, with ids local to it.</summary>
    public InteractionTable Table { get; }

    /// <summary>Event type id of each row of <see cref="Table"/> (0 without an event type column).</summary>
    public ReadOnlySpan<ushort> Types => _types.AsSpan(0, Table.Count);

    /// <summary>The file's rejected rows.</summary>
    public FileRejections Rejections { get; }

    /// <summary>Rows seen, accepted or not (rows outside the window included).</summary>
    public long RowsRead { get; private set; }

    /// <summary>Rows of an undated file whose timestamp fell outside the window (dropped, not rejected).</summary>
    public long OutsideWindow { get; private set; }

    /// <summary>Blocks (Parquet row groups) the reader skipped because their statistics lie outside the window.</summary>
    public long RowGroupsSkipped { get; private set; }

    /// <inheritdoc />
    public void OnRowGroupSkipped(long rows)
    {
        RowsRead += rows;
        OutsideWindow += rows;
        RowGroupsSkipped++;
    }

    /// <summary>Stored bytes consumed so far, as last reported by the reader.</summary>
    public long BytesRead { get; private set; }

    /// <inheritdoc />
    public void OnBytesRead(long bytes)
    {
        BytesRead = bytes;
        if (!_reserved && Table.Count >= ReserveAfterRows)
        {
            _reserved = true;
            ReserveForWholeFile(bytes);
        }
        _progress?.Invoke(this);
    }

    /// <summary>
    /// Sizes the table once for the whole file, extrapolating the rows accepted so far by the share of the
    /// file's bytes they took, plus 1/16 for the slack between the stored position and the rows parsed.
    /// </summary>
    /// <remarks>
    /// Otherwise the columns double their way up from a few thousand rows: at 20 million rows that is over
    /// 300 MB of copying and a set of freshly touched arrays for every doubling. The estimate waits for
    /// <see cref="ReserveAfterRows"/> accepted rows so the reader's buffering is a small error, and is skipped
    /// when a time window filters the rows (the share kept need not be uniform over the file). If the estimate
    /// falls short, the table still doubles as before; if rows further on are rejected more often than the
    /// first ones, the table holds up to the capacity for every row of the file.
    /// </remarks>
    private void ReserveForWholeFile(long bytes)
    {
        long length = _file.Length;
        if (_filterByTimestamp || bytes <= 0 || length <= bytes)
        {
            return;
        }
        double estimate = (double)Table.Count * length / bytes * (1 + 1.0 / 16);
        int rows = (int)Math.Min(estimate, Array.MaxLength);
        Table.EnsureCapacity(rows);
        if (_types.Length < rows)
        {
            Array.Resize(ref _types, rows);
        }
    }

    /// <inheritdoc />
    public void OnMalformed(long line, RejectReason reason, ReadOnlySpan<char> raw, string detail)
    {
        RowsRead++;
        Rejections.Record(line, reason, detail, default, raw);
    }

    /// <inheritdoc />
    public void OnEvent(in EventFields fields)
    {
        RowsRead++;
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
        if (fields.TimestampMs is { } typed)
        {
            timestamp = typed;
        }
        else if (!fields.Timestamp.IsEmpty || _timestampMapped)
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
        int userId = fields.UserEntry is { } userEntry ? IdOf(_userIds, userEntry, Table.UserKeys, user) : Table.UserKeys.GetOrAdd(user);
        int itemId = fields.ItemEntry is { } itemEntry ? IdOf(_itemIds, itemEntry, Table.ItemKeys, item) : Table.ItemKeys.GetOrAdd(item);
        Table.Add(userId, itemId, value, timestamp);
    }

    /// <inheritdoc />
    public void OnKeyDictionaries(int userEntries, int itemEntries)
    {
        ResetIds(ref _userIds, userEntries);
        ResetIds(ref _itemIds, itemEntries);
    }

    /// <summary>
    /// The id of a dictionary entry's key, looked up on the entry's first accepted row only. Ids are still
    /// assigned in the order keys are first accepted, exactly as with per-row lookups.
    /// </summary>
    private static int IdOf(int[] ids, int entry, KeyIndex keys, ReadOnlySpan<char> key)
    {
        int id = ids[entry];
        if (id < 0)
        {
            id = keys.GetOrAdd(key);
            ids[entry] = id;
        }
        return id;
    }

    private static void ResetIds(ref int[] ids, int entries)
    {
        if (ids.Length < entries)
        {
            ids = new int[entries];
        }
        ids.AsSpan(0, entries).Fill(-1);
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
        if (!(value >= _ratingMin && value <= _ratingMax))
        {
            Reject(fields, RejectReason.RatingOutOfRange, _outOfRange, text);
            return false;
        }
        return true;
    }

    /// <summary>
    /// Parses a rating or quantity. Plain counts of up to seven digits, the usual case, are read digit by
    /// digit: every integer below 10^7 &lt; 2^24 is exactly a <see cref="float"/>, so the result is the
    /// one <see cref="float.TryParse(ReadOnlySpan{char}, NumberStyles, IFormatProvider?, out float)"/> gives.
    /// </summary>
    private static bool TryNumber(ReadOnlySpan<char> text, out float value)
    {
        if (TrySmallCount(text, out int count))
        {
            value = count;
            return true;
        }
        return float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && float.IsFinite(value);
    }

    private static bool TrySmallCount(ReadOnlySpan<char> text, out int count)
    {
        count = 0;
        if ((uint)(text.Length - 1) >= 7)
        {
            return false;
        }
        foreach (char c in text)
        {
            uint digit = (uint)c - '0';
            if (digit > 9)
            {
                return false;
            }
            count = count * 10 + (int)digit;
        }
        return true;
    }

    private void Reject(in EventFields fields, RejectReason reason, string what, ReadOnlySpan<char> value)
        => Rejections.Record(fields.Line, reason, what, value, fields.Raw);
}
