using SparkRecs.Core.Errors;
using SparkRecs.Warehouse.Ingest;
using SparkRecs.Warehouse.Parquet;
using SparkRecs.Warehouse.Reading;
using SparkRecs.Warehouse.Sample;
using SparkRecs.Warehouse.Tests.TestSupport;

namespace SparkRecs.Warehouse.Tests.Parquet.Ingest;

public class ParquetSampleIngestTests
{
    private static readonly SampleOptions Small = new() { Users = 2000, Items = 400, Events = 40_000, Days = 4, Seed = 11, Topics = 6, Ratings = true };

    [Fact]
    public void A_parquet_sample_ingests_to_the_same_events_and_counts_as_the_csv_sample_of_the_same_options()
    {
        using var csvDir = new TempFolder();
        using var parquetDir = new TempFolder();
        SampleSummary csvSummary = SampleWarehouseGenerator.Write(Small, csvDir.Path);
        SampleSummary parquetSummary = SampleWarehouseGenerator.Write(Small with { Format = "parquet" }, parquetDir.Path);

        IngestResult csv = WarehouseIngest.Run(SampleWarehouseGenerator.IngestOptionsFor(csvDir.Path));
        IngestResult parquet = WarehouseIngest.Run(SampleWarehouseGenerator.IngestOptionsFor(parquetDir.Path));

        Assert.All(parquetSummary.Files, f => Assert.EndsWith(".parquet", f, StringComparison.Ordinal));
        Assert.Equal(csv.Events.UserKeys.Keys, parquet.Events.UserKeys.Keys);
        Assert.Equal(csv.Events.ItemKeys.Keys, parquet.Events.ItemKeys.Keys);
        Assert.Equal(csv.Events.Users.ToArray(), parquet.Events.Users.ToArray());
        Assert.Equal(csv.Events.Items.ToArray(), parquet.Events.Items.ToArray());
        Assert.Equal(csv.Events.Values.ToArray(), parquet.Events.Values.ToArray());
        Assert.Equal(csv.Events.Timestamps.ToArray(), parquet.Events.Timestamps.ToArray());
        IngestReport a = csv.Report;
        IngestReport b = parquet.Report;
        Assert.Equal((a.RowsRead, a.RowsAccepted, a.RowsRejected, a.DuplicatesRemoved, a.Bots.RowsRemoved, a.Events), (b.RowsRead, b.RowsAccepted, b.RowsRejected, b.DuplicatesRemoved, b.Bots.RowsRemoved, b.Events));
        Assert.Equal(csvSummary.Malformed, a.Rejections);
        Assert.Equal(parquetSummary.Malformed, b.Rejections);
        Assert.Equal(a.Rejections[RejectReason.WrongFieldCount] + a.Rejections[RejectReason.BadTimestamp], b.Rejections[RejectReason.BadTimestamp]);
    }

    [Fact]
    public void A_parquet_sample_day_has_dictionary_keys_millisecond_timestamps_and_null_planted_keys()
    {
        using var dir = new TempFolder();
        SampleSummary summary = SampleWarehouseGenerator.Write(Small with { Format = "parquet", Days = 1 }, dir.Path);

        using ParquetFile file = ParquetFile.Open(summary.Files[0]);

        Assert.Equal(["user_id", "item_id", "event_type", "timestamp", "rating"], file.Columns.Select(c => c.Name));
        Assert.Equal(ParquetValueKind.TimestampMillis, file.GetColumn("timestamp").ValueKind);
        Assert.Equal(ParquetLogicalType.Timestamp, file.GetColumn("timestamp").LogicalType);
        ParquetColumn users = file.ReadColumn(0, "user_id");
        Assert.True(users.IsDictionaryEncoded);
        Assert.True(file.ReadColumn(0, "event_type").IsDictionaryEncoded);
        long nullUsers = Enumerable.Range(0, file.RowGroups.Count).Sum(g => (long)file.ReadColumn(g, "user_id").NullCount);
        Assert.Equal(summary.Malformed[RejectReason.MissingKey], nullUsers);
        Assert.All(file.RowGroups, g => Assert.True(g.Statistics[3].HasBounds));
    }

    [Fact]
    public void An_unknown_sample_format_is_refused_by_key()
    {
        var error = Assert.Throws<ConfigurationException>(() => (Small with { Format = "orc" }).Validate());

        Assert.Contains("sample:format", error.Message);
    }
}
