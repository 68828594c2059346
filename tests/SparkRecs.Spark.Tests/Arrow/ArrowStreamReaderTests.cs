using System.Text.Json;
using SparkRecs.Spark.Arrow;
using SparkRecs.Spark.Tests.Arrow.Support;

namespace SparkRecs.Spark.Tests.Arrow;

/// <summary>Streams written by an independent implementation (npm apache-arrow) decode to the values they were built from.</summary>
public sealed class ArrowStreamReaderTests
{
    public static TheoryData<string, Input> SupportedFixtures => StreamRead.WithInputs(ArrowFixtures.Supported);

    [Theory]
    [MemberData(nameof(SupportedFixtures))]
    public void Fixture_decodes_to_the_values_it_was_written_from(string name, Input input)
    {
        JsonElement expected = ArrowFixtures.Expected(name);
        (ArrowStreamReader reader, IReadOnlyList<ArrowRecordBatch> batches) = StreamRead.All(ArrowFixtures.Bytes(name), input);

        ExpectedValues.AssertSchema(expected.GetProperty("schema"), reader.Schema.Fields);
        JsonElement expectedBatches = expected.GetProperty("batches");
        Assert.Equal(expectedBatches.GetArrayLength(), batches.Count);
        int i = 0;
        foreach (JsonElement expectedBatch in expectedBatches.EnumerateArray())
        {
            Assert.Same(reader.Schema, batches[i].Schema);
            ExpectedValues.AssertBatch(expectedBatch, batches[i++]);
        }

        Assert.True(reader.IsCompleted);
        Assert.Equal(expected.GetProperty("endMarker").GetBoolean(), reader.EndMarkerSeen);
        Assert.Equal(batches.Count, reader.BatchesRead);
        Assert.Null(reader.ReadNextBatch());
    }

    [Fact]
    public void Batches_over_memory_are_views_of_the_callers_bytes()
    {
        byte[] bytes = ArrowFixtures.Bytes("many-batches");
        ArrowRecordBatch batch = new ArrowStreamReader(bytes.AsMemory()).ReadNextBatch()!;
        Int64Column n = batch.GetColumn<Int64Column>("n");
        Assert.Equal(0, n.Values[0]);

        // Change the value in the caller's array: a view sees the change, a copy would not.
        IpcLayout.Message message = IpcLayout.Of(bytes).Messages[1];
        int valuesAt = message.BodyStart + (int)IpcLayout.ReadInt64(bytes, message.Buffers[1]);
        IpcLayout.WriteInt64(bytes, valuesAt, 12345);
        Assert.Equal(12345, n.Values[0]);
    }

    [Fact]
    public void Factor_lists_expose_each_users_vector_as_a_slice_of_one_float_array()
    {
        var reader = new ArrowStreamReader(ArrowFixtures.Bytes("factors").AsMemory(), "factors");
        ArrowRecordBatch first = reader.ReadNextBatch()!;
        ListColumn features = first.GetColumn<ListColumn>("features");
        Float32Column factors = features.ValuesAs<Float32Column>();

        (int start, int count) = features.GetValueRange(1);
        Assert.Equal(new[] { 1f, 2f, 3f }, factors.Values.Slice(start, count).ToArray());
        Assert.Equal(new[] { 0, 3, 6, 9 }, features.Offsets.ToArray());
        Assert.Equal(9, factors.Length);
    }

    [Fact]
    public void Recommendations_read_as_item_and_rating_spans_of_the_struct_members()
    {
        ArrowRecordBatch batch = new ArrowStreamReader(ArrowFixtures.Bytes("recommendations").AsMemory()).ReadNextBatch()!;
        ListColumn lists = batch.GetColumn<ListColumn>("recommendations");
        StructColumn pairs = lists.ValuesAs<StructColumn>();
        Int32Column items = pairs.GetChild<Int32Column>("item");
        Float32Column ratings = pairs.GetChild<Float32Column>("rating");

        (int start, int count) = lists.GetValueRange(0);
        Assert.Equal(new[] { 7, 3, 9 }, items.Values.Slice(start, count).ToArray());
        Assert.Equal(new[] { 4.5f, 4.25f, -0.5f }, ratings.Values.Slice(start, count).ToArray());
        Assert.True(lists.IsNull(3));
        Assert.Equal((6, 0), lists.GetValueRange(3));
    }

    [Fact]
    public void Timestamps_convert_to_unix_milliseconds_rounding_toward_negative_infinity()
    {
        ArrowRecordBatch batch = new ArrowStreamReader(ArrowFixtures.Bytes("primitives").AsMemory()).ReadNextBatch()!;
        TimestampColumn micros = batch.GetColumn<TimestampColumn>("ts_us_utc");
        TimestampColumn seconds = batch.GetColumn<TimestampColumn>("ts_s");
        TimestampColumn nanos = batch.GetColumn<TimestampColumn>("ts_ns");

        Assert.Equal(ArrowTimeUnit.Microsecond, micros.Unit);
        Assert.Equal("UTC", micros.TimeZone);
        Assert.Equal(-1, micros.GetUnixMilliseconds(1));              // -1 µs
        Assert.Equal(1_700_000_000_123, micros.GetUnixMilliseconds(2)); // 1700000000123456 µs
        Assert.Equal(-2, micros.GetUnixMilliseconds(7));              // -1001 µs
        Assert.Equal(1_700_000_000_000, seconds.GetUnixMilliseconds(0));
        Assert.Equal(1_700_000_000_123, nanos.GetUnixMilliseconds(0));
        Assert.Equal(-2, nanos.GetUnixMilliseconds(6));               // -1000001 ns
        Assert.Null(batch.GetColumn<TimestampColumn>("ts_ms").TimeZone);
    }

    [Fact]
    public void Date32_values_are_days_from_1970()
    {
        Date32Column days = new ArrowStreamReader(ArrowFixtures.Bytes("primitives").AsMemory()).ReadNextBatch()!.GetColumn<Date32Column>("day");

        Assert.Equal(new DateOnly(1970, 1, 1), days.GetDate(0));
        Assert.Equal(new DateOnly(1969, 12, 31), days.GetDate(1));
        Assert.Equal(new DateOnly(2024, 1, 1), days.GetDate(2));
        Assert.Equal(new DateOnly(1, 1, 1), days.GetDate(8));
        Assert.Equal(new DateOnly(9999, 12, 31), days.GetDate(9));
    }

    [Fact]
    public void Stream_without_end_marker_ends_cleanly_and_says_so()
    {
        byte[] bytes = ArrowFixtures.Bytes("many-batches");
        byte[] cut = bytes[..IpcLayout.Of(bytes).EndMarker];

        foreach (Input input in new[] { Input.Memory, Input.Stream })
        {
            (ArrowStreamReader reader, IReadOnlyList<ArrowRecordBatch> batches) = StreamRead.All(cut, input);
            Assert.Equal(6, batches.Count);
            Assert.True(reader.IsCompleted);
            Assert.False(reader.EndMarkerSeen);
        }
    }

    [Fact]
    public void Offsets_need_not_start_at_zero()
    {
        // many-batches' first batch holds one string "b0r0" (offsets 0, 4); moving the first offset to 2 leaves "r0".
        byte[] bytes = ArrowFixtures.Bytes("many-batches");
        IpcLayout.Message batch = IpcLayout.Of(bytes).Messages[1];
        int offsetsAt = batch.BodyStart + (int)IpcLayout.ReadInt64(bytes, batch.Buffers[3]);
        BitConverter.TryWriteBytes(bytes.AsSpan(offsetsAt), 2);

        StringColumn s = new ArrowStreamReader(bytes.AsMemory()).ReadNextBatch()!.GetColumn<StringColumn>("s");

        Assert.Equal("r0", s.GetString(0));
        Assert.Equal(2, ((Utf8Column)s).Offsets[0]);
    }
}
