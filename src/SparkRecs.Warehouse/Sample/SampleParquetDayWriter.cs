using System.Text;
using SparkRecs.Warehouse.Options;
using SparkRecs.Warehouse.Parquet;
using SparkRecs.Warehouse.Reading;
using SparkRecs.Warehouse.Validation;

namespace SparkRecs.Warehouse.Sample;

/// <summary>
/// Writes one day partition as snappy Parquet: the rows <see cref="SampleDayWriter"/> generates for the
/// day, converted row by row, so a CSV and a Parquet sample of the same options hold the same events in
/// the same order.
/// </summary>
/// <remarks>
/// <para>
/// Schema: <c>user_id</c> STRING (optional), <c>item_id</c> STRING, <c>event_type</c> STRING (all three
/// dictionary-encoded), <c>timestamp</c> TIMESTAMP(MILLIS, UTC) (optional), and with
/// <see cref="SampleOptions.Ratings"/> <c>rating</c> INT32 (optional). Row groups hold
/// <see cref="RowGroupRows"/> rows, so a day has a few, each with min/max statistics on the timestamp.
/// </para>
/// <para>
/// Typed columns cannot hold every malformation CSV can: a planted row with a missing user key has a
/// null <c>user_id</c>, a bad timestamp and a row with a missing field both have a null
/// <c>timestamp</c> (rejected as <see cref="RejectReason.BadTimestamp"/>), and an unknown event type
/// stays a string. See <see cref="ParquetReason"/>.
/// </para>
/// <para>
/// The day's CSV text is generated into memory (about 55 bytes per event) before it is converted, so a
/// Parquet sample needs that much memory per writing thread, unlike the streaming CSV writer.
/// </para>
/// </remarks>
internal sealed class SampleParquetDayWriter(SampleOptions options, SampleDayWriter rows)
{
    /// <summary>Rows per row group.</summary>
    public const int RowGroupRows = 1 << 17;

    private const int UserColumn = 0;
    private const int ItemColumn = 1;
    private const int TypeColumn = 2;
    private const int TimeColumn = 3;
    private const int RatingColumn = 4;

    /// <summary>The reason the ingest gives a planted malformed row of <paramref name="csvReason"/> in the Parquet sample.</summary>
    public static RejectReason ParquetReason(RejectReason csvReason)
        => csvReason == RejectReason.WrongFieldCount ? RejectReason.BadTimestamp : csvReason;

    /// <summary>Writes the file and returns its size in bytes.</summary>
    public long Write(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var csv = new MemoryStream();
        rows.WriteRows(csv);
        csv.Position = 0;

        TimestampFormat style = options.TimestampStyle == "iso8601" ? TimestampFormat.Iso8601 : TimestampFormat.UnixMillis;
        using var text = new StreamReader(csv, Encoding.ASCII);
        using var records = new DelimitedRecordReader(text, ',', quoting: false, path);
        using ParquetWriter writer = ParquetWriter.Create(path, Columns());
        var group = new RowGroupBuffer(options.Ratings);
        records.MoveNext();
        while (records.MoveNext())
        {
            int count = records.FieldCount;
            long? time = count > 3 && TimestampParser.TryParse(records.Field(3), style, out long ms) ? ms : null;
            int? rating = options.Ratings && count > 4 && int.TryParse(records.Field(4), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int r) ? r : null;
            group.Add(records.Field(0), records.Field(1), records.Field(2), time, rating);
            if (group.Count == RowGroupRows)
            {
                group.WriteTo(writer);
            }
        }

        if (group.Count > 0 || writer.RowsWritten == 0)
        {
            group.WriteTo(writer);
        }

        writer.Complete();
        return new FileInfo(path).Length;
    }

    private ParquetWriterColumn[] Columns()
    {
        List<ParquetWriterColumn> columns =
        [
            new("user_id", ParquetWriterType.String, IsOptional: true),
            new("item_id", ParquetWriterType.String),
            new("event_type", ParquetWriterType.String),
            new("timestamp", ParquetWriterType.TimestampMillis, IsOptional: true),
        ];
        if (options.Ratings)
        {
            columns.Add(new ParquetWriterColumn("rating", ParquetWriterType.Int32, IsOptional: true));
        }

        return [.. columns];
    }

    /// <summary>The columns of one row group as the writer takes them: UTF-8 bytes with offsets, typed arrays, validity.</summary>
    private sealed class RowGroupBuffer(bool ratings)
    {
        private readonly Utf8Column _users = new();
        private readonly Utf8Column _items = new();
        private readonly Utf8Column _types = new();
        private readonly long[] _times = new long[RowGroupRows];
        private readonly bool[] _timeValid = new bool[RowGroupRows];
        private readonly int[] _ratings = new int[ratings ? RowGroupRows : 0];
        private readonly bool[] _ratingValid = new bool[ratings ? RowGroupRows : 0];

        public int Count { get; private set; }

        public void Add(ReadOnlySpan<char> user, ReadOnlySpan<char> item, ReadOnlySpan<char> type, long? time, int? rating)
        {
            _users.Add(user, Count);
            _items.Add(item, Count);
            _types.Add(type, Count);
            _times[Count] = time ?? 0;
            _timeValid[Count] = time.HasValue;
            if (ratings)
            {
                _ratings[Count] = rating ?? 0;
                _ratingValid[Count] = rating.HasValue;
            }

            Count++;
        }

        public void WriteTo(ParquetWriter writer)
        {
            int n = Count;
            writer.BeginRowGroup(n);
            writer.WriteStrings(UserColumn, _users.Offsets(n), _users.Bytes, _users.Validity(n));
            writer.WriteStrings(ItemColumn, _items.Offsets(n), _items.Bytes);
            writer.WriteStrings(TypeColumn, _types.Offsets(n), _types.Bytes);
            writer.WriteInt64(TimeColumn, _times.AsSpan(0, n), _timeValid.AsSpan(0, n));
            if (ratings)
            {
                writer.WriteInt32(RatingColumn, _ratings.AsSpan(0, n), _ratingValid.AsSpan(0, n));
            }

            writer.EndRowGroup();
            _users.Clear();
            _items.Clear();
            _types.Clear();
            Count = 0;
        }
    }

    /// <summary>A string column being built: ASCII bytes appended, an empty field stored as null.</summary>
    private sealed class Utf8Column
    {
        private readonly int[] _offsets = new int[RowGroupRows + 1];
        private readonly bool[] _valid = new bool[RowGroupRows];
        private byte[] _bytes = new byte[1 << 16];
        private int _length;

        public ReadOnlySpan<byte> Bytes => _bytes.AsSpan(0, _length);

        public ReadOnlySpan<int> Offsets(int rows) => _offsets.AsSpan(0, rows + 1);

        public ReadOnlySpan<bool> Validity(int rows) => _valid.AsSpan(0, rows);

        public void Add(ReadOnlySpan<char> value, int row)
        {
            if (_length + value.Length * 3 > _bytes.Length)
            {
                Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _length + value.Length * 3));
            }

            _length += Encoding.UTF8.GetBytes(value, _bytes.AsSpan(_length));
            _valid[row] = !value.IsEmpty;
            _offsets[row + 1] = _length;
        }

        public void Clear() => _length = 0;
    }
}
