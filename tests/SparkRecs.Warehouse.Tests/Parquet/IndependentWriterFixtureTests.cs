using SparkRecs.Warehouse.Parquet;

namespace SparkRecs.Warehouse.Tests.Parquet;

/// <summary>
/// Files written by independent writers (arrow-rs via parquet-wasm, DuckDB, hyparquet-writer; see
/// Fixtures/parquet/make-fixtures.mjs) must read back as exactly the events table they were written from.
/// </summary>
public sealed class IndependentWriterFixtureTests
{
    private static readonly EventsTable Expected = EventsTable.FromCsv(Path.Combine(EventsTable.FixtureFolder, "events.expected.csv"));

    [Theory]
    [InlineData("arrow-rs-snappy-v1-dictionary.parquet")]
    [InlineData("arrow-rs-gzip-v2-delta.parquet")]
    [InlineData("duckdb-snappy-v1.parquet")]
    [InlineData("duckdb-gzip-v2.parquet")]
    [InlineData("hyparquet-snappy.parquet")]
    public void Fixture_reads_back_as_the_events_it_was_written_from(string fileName)
    {
        using ParquetFile file = ParquetFile.Open(Path.Combine(EventsTable.FixtureFolder, fileName));

        EventsTable actual = EventsTable.FromParquet(file);

        Expected.AssertEqual(actual);
        Assert.Equal(Expected.Count, file.RowCount);
    }

    [Theory]
    [InlineData("arrow-rs-snappy-v1-dictionary.parquet")]
    [InlineData("duckdb-gzip-v2.parquet")]
    [InlineData("hyparquet-snappy.parquet")]
    public void Fixture_schema_maps_events_columns_to_their_value_kinds(string fileName)
    {
        using ParquetFile file = ParquetFile.Open(Path.Combine(EventsTable.FixtureFolder, fileName));

        Assert.Equal(ParquetValueKind.String, file.GetColumn("user_id").ValueKind);
        Assert.Equal(ParquetValueKind.String, file.GetColumn("event_type").ValueKind);
        Assert.Equal(ParquetValueKind.TimestampMillis, file.GetColumn("ts").ValueKind);
        Assert.Equal(ParquetValueKind.Double, file.GetColumn("rating").ValueKind);
        Assert.True(file.GetColumn("rating").IsOptional);
    }

    [Fact]
    public void Duckdb_microsecond_timestamps_are_normalised_to_milliseconds()
    {
        using ParquetFile file = ParquetFile.Open(Path.Combine(EventsTable.FixtureFolder, "duckdb-snappy-v1.parquet"));

        Assert.Equal(ParquetTimeUnit.Micros, file.GetColumn("ts").TimeUnit);
        Assert.Equal(Expected.TimestampsMs[0], file.ReadColumn(0, "ts").Int64s[0]);
    }

    [Fact]
    public void Row_group_statistics_bound_the_timestamps_of_each_group()
    {
        using ParquetFile file = ParquetFile.Open(Path.Combine(EventsTable.FixtureFolder, "arrow-rs-snappy-v1-dictionary.parquet"));
        Assert.True(file.RowGroups.Count > 1);
        int offset = 0;
        foreach (ParquetRowGroup group in file.RowGroups)
        {
            List<long> slice = Expected.TimestampsMs.GetRange(offset, (int)group.RowCount);
            ParquetColumnStatistics stats = group.Statistics[file.GetColumn("ts").Index];

            Assert.Equal(slice.Min(), stats.Min);
            Assert.Equal(slice.Max(), stats.Max);
            offset += (int)group.RowCount;
        }
    }

    [Fact]
    public void Row_groups_outside_a_timestamp_window_are_skippable()
    {
        using ParquetFile file = ParquetFile.Open(Path.Combine(EventsTable.FixtureFolder, "arrow-rs-snappy-v1-dictionary.parquet"));
        ParquetColumnStatistics last = file.RowGroups[^1].Statistics[file.GetColumn("ts").Index];
        long windowStart = last.Min!.Value;

        Assert.False(file.RowGroupOverlaps(0, "ts", windowStart, long.MaxValue));
        Assert.True(file.RowGroupOverlaps(file.RowGroups.Count - 1, "ts", windowStart, long.MaxValue));
        Assert.True(file.RowGroupOverlaps(0, "ts", long.MinValue, long.MaxValue));
    }

    [Fact]
    public void Reading_one_column_does_not_need_the_others()
    {
        using ParquetFile file = ParquetFile.Open(Path.Combine(EventsTable.FixtureFolder, "duckdb-gzip-v2.parquet"));

        ParquetColumn ratings = file.ReadColumn(0, "rating");

        Assert.Equal(Expected.Ratings.Count(r => r is null), ratings.NullCount);
        Assert.Throws<InvalidOperationException>(() => ratings.Int64s.Length);
    }
}
