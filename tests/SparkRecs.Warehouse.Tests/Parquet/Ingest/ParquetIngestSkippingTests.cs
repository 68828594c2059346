using SparkRecs.Warehouse.Ingest;
using SparkRecs.Warehouse.Options;
using SparkRecs.Warehouse.Parquet;
using SparkRecs.Warehouse.Reading;
using SparkRecs.Warehouse.Tests.TestSupport;
using static SparkRecs.Warehouse.Tests.Parquet.Ingest.ParquetTestFiles;

namespace SparkRecs.Warehouse.Tests.Parquet.Ingest;

public class ParquetIngestSkippingTests
{
    private static readonly DateOnly Day1 = new(2024, 3, 1);
    private static readonly DateOnly Day2 = new(2024, 3, 2);
    private static readonly DateOnly Day3 = new(2024, 3, 3);

    [Fact]
    public void Row_groups_whose_timestamps_lie_outside_the_window_are_skipped_and_counted_as_outside()
    {
        using var dir = new TempFolder();
        string path = Write(Path.Combine(dir.Path, "events.parquet"),
            new TestColumn("user_id", ParquetWriterType.String, ["u1", "u2"], ["u3", "u4"], ["u5", "u6"]),
            new TestColumn("item_id", ParquetWriterType.String, ["i1", "i2"], ["i3", "i4"], ["i5", "i6"]),
            new TestColumn("timestamp", ParquetWriterType.TimestampMillis, [Ms(Day1, 1), Ms(Day1, 2)], [Ms(Day2, 1), Ms(Day3, 1)], [Ms(Day3, 2), Ms(Day3, 3)]));

        IngestResult result = WarehouseIngest.Run(new IngestOptions { Path = path, Window = new IngestWindow { From = Day2, To = Day2 } });

        Assert.Equal(2, result.Report.RowGroupsSkipped);
        Assert.Equal((6L, 5L, 1), (result.Report.RowsRead, result.Report.OutsideWindow, result.Report.Events));
        Assert.Equal(["u3"], result.Events.UserKeys.Keys);
    }

    [Fact]
    public void A_row_group_with_a_null_timestamp_is_read_so_the_null_is_rejected_not_hidden()
    {
        using var dir = new TempFolder();
        string path = Write(Path.Combine(dir.Path, "events.parquet"),
            new TestColumn("user_id", ParquetWriterType.String, ["u1", "u2"], ["u3"]),
            new TestColumn("item_id", ParquetWriterType.String, ["i1", "i2"], ["i3"]),
            new TestColumn("timestamp", ParquetWriterType.TimestampMillis, [Ms(Day1, 1), null], [Ms(Day2, 1)]));

        IngestResult result = WarehouseIngest.Run(new IngestOptions { Path = path, Window = new IngestWindow { From = Day2, To = Day2 }, MaxBadFraction = 0.5 });

        Assert.Equal(0, result.Report.RowGroupsSkipped);
        Assert.Equal(1, result.Report.Rejections[RejectReason.BadTimestamp]);
        Assert.Equal((3L, 1L, 1), (result.Report.RowsRead, result.Report.OutsideWindow, result.Report.Events));
    }

    [Fact]
    public void Files_of_a_date_partition_keep_every_row_whatever_their_timestamps()
    {
        using var dir = new TempFolder();
        Write(Path.Combine(dir.Path, "dt=2024-03-01/part-0.parquet"),
            new TestColumn("user_id", ParquetWriterType.String, ["u1"], ["u2"]),
            new TestColumn("item_id", ParquetWriterType.String, ["i1"], ["i2"]),
            new TestColumn("timestamp", ParquetWriterType.TimestampMillis, [Ms(Day1, 23)], [Ms(Day3, 1)]));

        IngestResult result = WarehouseIngest.Run(new IngestOptions { Path = dir.Path, Window = new IngestWindow { From = Day1, To = Day1 } });

        Assert.Equal((0L, 0L, 2), (result.Report.RowGroupsSkipped, result.Report.OutsideWindow, result.Report.Events));
    }

    [Fact]
    public void Epoch_number_timestamps_are_filtered_row_by_row_not_skipped()
    {
        using var dir = new TempFolder();
        string path = Write(Path.Combine(dir.Path, "events.parquet"),
            new TestColumn("user_id", ParquetWriterType.String, ["u1"], ["u2"]),
            new TestColumn("item_id", ParquetWriterType.String, ["i1"], ["i2"]),
            new TestColumn("timestamp", ParquetWriterType.Int64, [Ms(Day1, 1)], [Ms(Day2, 1)]));

        IngestResult result = WarehouseIngest.Run(new IngestOptions { Path = path, Window = new IngestWindow { From = Day2, To = Day2 } });

        Assert.Equal((0L, 1L, 1), (result.Report.RowGroupsSkipped, result.Report.OutsideWindow, result.Report.Events));
        Assert.Equal([Ms(Day2, 1)], result.Events.Timestamps.ToArray());
    }
}
