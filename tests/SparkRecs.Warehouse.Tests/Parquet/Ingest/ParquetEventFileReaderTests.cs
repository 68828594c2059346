using SparkRecs.Warehouse.Discovery;
using SparkRecs.Warehouse.Options;
using SparkRecs.Warehouse.Parquet;
using SparkRecs.Warehouse.Reading;
using SparkRecs.Warehouse.Tests.TestSupport;
using static SparkRecs.Warehouse.Tests.Parquet.Ingest.ParquetTestFiles;

namespace SparkRecs.Warehouse.Tests.Parquet.Ingest;

public class ParquetEventFileReaderTests
{
    private static readonly DateOnly Day = new(2024, 3, 1);

    [Fact]
    public void Typed_timestamps_reach_the_sink_as_milliseconds_and_a_null_as_no_time()
    {
        using var dir = new TempFolder();
        string path = Write(Path.Combine(dir.Path, "part-0.parquet"),
            new TestColumn("user_id", ParquetWriterType.String, ["u1", "u2"], ["u3"]),
            new TestColumn("item_id", ParquetWriterType.String, ["i1", "i2"], ["i3"]),
            new TestColumn("timestamp", ParquetWriterType.TimestampMillis, [Ms(Day, 1), null], [Ms(Day, 3)]));
        var sink = new TypedSink();

        new ParquetEventFileReader().Read(Context(path), sink, CancellationToken.None);

        Assert.Equal([Ms(Day, 1), null, Ms(Day, 3)], sink.Times);
        Assert.Equal(["", "", ""], sink.TimeTexts);
        Assert.Equal([1L, 2L, 3L], sink.Lines);
        Assert.Equal(["u1", "u2", "u3"], sink.Users);
        Assert.Equal(new FileInfo(path).Length, sink.LastBytes);
    }

    [Fact]
    public void Numbers_are_handed_over_as_invariant_text_whatever_their_width()
    {
        using var dir = new TempFolder();
        string path = Write(Path.Combine(dir.Path, "part-0.parquet"),
            new TestColumn("user_id", ParquetWriterType.Int32, [7, int.MinValue, -3]),
            new TestColumn("item_id", ParquetWriterType.Int64, [9_000_000_000L, long.MinValue, 0L]),
            new TestColumn("rating", ParquetWriterType.Double, [4.5, double.MinValue, null]),
            new TestColumn("timestamp", ParquetWriterType.Int64, [1_709_251_200L, 1_709_251_201L, 1_709_251_202L]));
        var sink = new TypedSink();

        new ParquetEventFileReader().Read(Context(path, new ColumnMapping { Value = "rating" }), sink, CancellationToken.None);

        Assert.Equal(["7", "-2147483648", "-3"], sink.Users);
        Assert.Equal(["9000000000", "-9223372036854775808", "0"], sink.Items);
        Assert.Equal(["4.5", "-1.7976931348623157E+308", ""], sink.Values);
        Assert.Equal(["1709251200", "1709251201", "1709251202"], sink.TimeTexts);
        Assert.Equal([null, null, null], sink.Times);
    }

    [Fact]
    public void Dictionary_encoded_keys_and_plain_keys_give_the_same_text()
    {
        using var dir = new TempFolder();
        string[] users = ["ü-1", "u2", "ü-1", "u2", "ü-1"];
        string dictionary = Write(Path.Combine(dir.Path, "a.parquet"),
            new TestColumn("user_id", ParquetWriterType.String, users.Cast<object?>().ToArray()),
            new TestColumn("item_id", ParquetWriterType.String, ["i", "i", "j", null, "i"]));
        string plain = Write(Path.Combine(dir.Path, "b.parquet"), new ParquetWriterOptions { DictionaryEncoding = false },
            new TestColumn("user_id", ParquetWriterType.String, users.Cast<object?>().ToArray()),
            new TestColumn("item_id", ParquetWriterType.String, ["i", "i", "j", null, "i"]));
        var fromDictionary = new TypedSink();
        var fromPlain = new TypedSink();
        var mapping = new ColumnMapping { Timestamp = "" };

        new ParquetEventFileReader().Read(Context(dictionary, mapping), fromDictionary, CancellationToken.None);
        new ParquetEventFileReader().Read(Context(plain, mapping), fromPlain, CancellationToken.None);

        using (ParquetFile file = ParquetFile.Open(dictionary))
        {
            Assert.True(file.ReadColumn(0, "user_id").IsDictionaryEncoded);
        }

        Assert.Equal(users, fromDictionary.Users);
        Assert.Equal(users, fromPlain.Users);
        Assert.Equal(["i", "i", "j", "", "i"], fromDictionary.Items);
        Assert.Equal(fromDictionary.Items, fromPlain.Items);
    }

    [Fact]
    public void An_empty_row_group_between_others_yields_no_rows_and_keeps_row_numbers()
    {
        using var dir = new TempFolder();
        string path = Write(Path.Combine(dir.Path, "part-0.parquet"),
            new TestColumn("user_id", ParquetWriterType.String, ["u1"], [], ["u2"]),
            new TestColumn("item_id", ParquetWriterType.String, ["i1"], [], ["i2"]),
            new TestColumn("timestamp", ParquetWriterType.TimestampMillis, [Ms(Day)], [], [Ms(Day, 1)]));
        var sink = new TypedSink();

        new ParquetEventFileReader().Read(Context(path), sink, CancellationToken.None);

        Assert.Equal(["u1", "u2"], sink.Users);
        Assert.Equal([1L, 2L], sink.Lines);
    }

    [Fact]
    public void Key_bytes_that_are_not_utf8_are_refused_rather_than_merged_into_one_key()
    {
        using var dir = new TempFolder();
        string path = Path.Combine(dir.Path, "part-0.parquet");
        using (ParquetWriter writer = ParquetWriter.Create(path, [new("user_id", ParquetWriterType.String), new("item_id", ParquetWriterType.String)]))
        {
            writer.BeginRowGroup(2);
            writer.WriteStrings(0, [0, 1, 2], new byte[] { 0xFE, 0xFF });
            writer.WriteStrings(1, ["i1", "i2"]);
            writer.EndRowGroup();
            writer.Complete();
        }

        var error = Assert.Throws<Core.Errors.DataException>(() => new ParquetEventFileReader().Read(Context(path, new ColumnMapping { Timestamp = "" }), new TypedSink(), CancellationToken.None));

        Assert.Contains(path, error.Message);
        Assert.Contains("'user_id'", error.Message);
    }

    [Fact]
    public void Only_parquet_files_under_auto_or_parquet_are_claimed()
    {
        var reader = new ParquetEventFileReader();
        EventFile parquet = new("/t/dt=2024-01-01/part-0.snappy.parquet", 1, [], null);
        EventFile csv = new("/t/dt=2024-01-01/part-0.csv", 1, [], null);

        Assert.True(reader.CanRead(parquet, EventFormat.Auto));
        Assert.True(reader.CanRead(parquet, EventFormat.Parquet));
        Assert.False(reader.CanRead(parquet, EventFormat.Csv));
        Assert.False(reader.CanRead(csv, EventFormat.Parquet));
        Assert.False(reader.CanRead(csv, EventFormat.Auto));
    }

    private static EventFileContext Context(string path, ColumnMapping? mapping = null)
        => new(EventFile.Unpartitioned(path), EventFormat.Auto, mapping ?? new ColumnMapping(), null);

    /// <summary>Keeps every field as text, plus the typed time the reader passed.</summary>
    private sealed class TypedSink : IEventSink
    {
        public List<long> Lines { get; } = [];

        public List<string> Users { get; } = [];

        public List<string> Items { get; } = [];

        public List<string> Values { get; } = [];

        public List<string> TimeTexts { get; } = [];

        public List<long?> Times { get; } = [];

        public long LastBytes { get; private set; }

        public void OnEvent(in EventFields fields)
        {
            Lines.Add(fields.Line);
            Users.Add(fields.User.ToString());
            Items.Add(fields.Item.ToString());
            Values.Add(fields.Value.ToString());
            TimeTexts.Add(fields.Timestamp.ToString());
            Times.Add(fields.TimestampMs);
        }

        public void OnMalformed(long line, RejectReason reason, ReadOnlySpan<char> raw, string detail)
            => throw new InvalidOperationException("A Parquet row is never malformed.");

        public void OnBytesRead(long bytes) => LastBytes = bytes;
    }
}
