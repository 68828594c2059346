using SparkRecs.Warehouse.Parquet;

namespace SparkRecs.Warehouse.Tests.Parquet;

public sealed class ParquetWriterTests : IDisposable
{
    private static readonly EventsTable Events = EventsTable.FromCsv(Path.Combine(EventsTable.FixtureFolder, "events.expected.csv"));
    private readonly string _folder = Directory.CreateTempSubdirectory("sparkrecs-parquet-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData(ParquetCompression.Snappy, true)]
    [InlineData(ParquetCompression.Snappy, false)]
    [InlineData(ParquetCompression.Uncompressed, true)]
    [InlineData(ParquetCompression.Uncompressed, false)]
    public void Events_round_trip_across_row_groups_and_pages(ParquetCompression compression, bool dictionary)
    {
        string path = Path.Combine(_folder, "events.parquet");
        using (FileStream stream = File.Create(path))
        {
            EventsWriter.Write(stream, Events, new ParquetWriterOptions { Compression = compression, DictionaryEncoding = dictionary, PageRows = 300 }, rowGroupSize: 800);
        }

        using ParquetFile file = ParquetFile.Open(path);

        Assert.Equal(3, file.RowGroups.Count);
        Events.AssertEqual(EventsTable.FromParquet(file));
    }

    [Fact]
    public void Written_statistics_bound_each_row_group_and_count_nulls()
    {
        string path = Path.Combine(_folder, "stats.parquet");
        using (FileStream stream = File.Create(path))
        {
            EventsWriter.Write(stream, Events, new ParquetWriterOptions(), rowGroupSize: 500);
        }

        using ParquetFile file = ParquetFile.Open(path);
        for (int g = 0; g < file.RowGroups.Count; g++)
        {
            List<long> ts = Events.TimestampsMs.GetRange(g * 500, 500);
            ParquetColumnStatistics stats = file.RowGroups[g].Statistics[2];
            Assert.Equal(ts.Min(), stats.Min);
            Assert.Equal(ts.Max(), stats.Max);
            Assert.Equal(Events.Ratings.GetRange(g * 500, 500).Count(r => r is null), file.RowGroups[g].Statistics[3].NullCount);
        }

        Assert.False(file.RowGroupOverlaps(0, "ts", Events.TimestampsMs[^1], long.MaxValue));
    }

    [Fact]
    public void Factor_columns_round_trip_as_one_float_column_per_dimension()
    {
        ParquetWriterColumn[] columns = [new("item_key", ParquetWriterType.String), new("f0", ParquetWriterType.Float), new("f1", ParquetWriterType.Float), new("count", ParquetWriterType.Int32)];
        string path = Path.Combine(_folder, "factors.parquet");
        float[] f0 = [0.5f, -1.25f, float.NaN, 3e-8f];
        float[] f1 = [1f, 2f, 3f, -0f];
        int[] counts = [1, -7, int.MaxValue, int.MinValue];
        using (ParquetWriter writer = ParquetWriter.Create(path, columns))
        {
            writer.BeginRowGroup(4);
            writer.WriteStrings(0, ["a", "b", "ç", ""]);
            writer.WriteFloat(1, f0);
            writer.WriteFloat(2, f1);
            writer.WriteInt32(3, counts);
            writer.EndRowGroup();
            writer.Complete();
        }

        using ParquetFile file = ParquetFile.Open(path);

        Assert.Equal(f0, file.ReadColumn(0, "f0").Floats.ToArray());
        Assert.Equal(f1, file.ReadColumn(0, "f1").Floats.ToArray());
        Assert.Equal(counts, file.ReadColumn(0, "count").Int32s.ToArray());
        Assert.Equal("ç", file.ReadColumn(0, "item_key").GetString(2));
        Assert.Equal(int.MinValue, file.RowGroups[0].Statistics[3].Min);
    }

    [Fact]
    public void Empty_row_group_round_trips_as_zero_rows()
    {
        string path = Path.Combine(_folder, "empty.parquet");
        using (ParquetWriter writer = ParquetWriter.Create(path, [new("x", ParquetWriterType.Int64, IsOptional: true), new("s", ParquetWriterType.String)]))
        {
            writer.BeginRowGroup(0);
            writer.WriteInt64(0, []);
            writer.WriteStrings(1, Array.Empty<string?>());
            writer.EndRowGroup();
            writer.Complete();
        }

        using ParquetFile file = ParquetFile.Open(path);

        Assert.Equal(0, file.RowCount);
        Assert.Equal(0, file.ReadColumn(0, "s").Length);
    }

    [Fact]
    public void Null_in_a_required_column_is_rejected()
    {
        using var writer = new ParquetWriter(new MemoryStream(), [new("x", ParquetWriterType.Int32)]);
        writer.BeginRowGroup(2);

        var error = Assert.Throws<ArgumentException>(() => writer.WriteInt32(0, [1, 2], [true, false]));
        Assert.Contains("'x'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Columns_written_out_of_schema_order_are_rejected()
    {
        using var writer = new ParquetWriter(new MemoryStream(), [new("a", ParquetWriterType.Int32), new("b", ParquetWriterType.Int32)]);
        writer.BeginRowGroup(1);

        Assert.Throws<InvalidOperationException>(() => writer.WriteInt32(1, [1]));
    }

    [Fact]
    public void Ending_a_row_group_with_a_missing_column_names_it()
    {
        using var writer = new ParquetWriter(new MemoryStream(), [new("a", ParquetWriterType.Int32), new("b", ParquetWriterType.Double)]);
        writer.BeginRowGroup(1);
        writer.WriteInt32(0, [1]);

        var error = Assert.Throws<InvalidOperationException>(writer.EndRowGroup);
        Assert.Contains("'b'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Disposing_without_complete_deletes_the_partial_file()
    {
        string path = Path.Combine(_folder, "partial.parquet");
        using (ParquetWriter writer = ParquetWriter.Create(path, [new("a", ParquetWriterType.Int32)]))
        {
            writer.BeginRowGroup(1);
            writer.WriteInt32(0, [1]);
        }

        Assert.False(File.Exists(path));
    }
}
