using SparkRecs.Warehouse.Discovery;
using SparkRecs.Warehouse.Ingest;
using SparkRecs.Warehouse.Options;
using SparkRecs.Warehouse.Tests.TestSupport;

namespace SparkRecs.Warehouse.Tests.Ingest;

public class WarehouseIngestPartitionTests
{
    [Fact]
    public void A_partitioned_table_is_read_for_its_window_with_missing_and_header_only_days_reported()
    {
        using var dir = new TempFolder();
        dir.Write("events/region=eu/dt=2024-01-01/part-0.csv.gz", "user_id,item_id\nu1,i1\nu2,i1\n");
        dir.Write("events/region=us/dt=2024-01-01/part-0.csv.gz", "user_id,item_id\nu3,i2\n");
        dir.Write("events/region=eu/dt=2024-01-02/part-0.csv.gz", "user_id,item_id\n");
        dir.Write("events/region=eu/dt=2024-01-04/part-0.csv.gz", "user_id,item_id\nu1,i2\n");
        dir.Write("events/region=eu/dt=2024-01-05/part-0.csv.gz", "user_id,item_id\nu9,i9\n");
        var options = new IngestOptions
        {
            Path = dir.Path,
            Table = "events",
            Columns = new ColumnMapping { Timestamp = "" },
            Window = new IngestWindow { LookbackDays = 4, End = new DateOnly(2024, 1, 4) },
        };
        var progress = new List<IngestProgress>();

        IngestResult result = WarehouseIngest.Run(options, new SynchronousProgress(progress.Add));

        Assert.Equal(new DayRange(new DateOnly(2024, 1, 1), new DateOnly(2024, 1, 4)), result.Report.Days);
        Assert.Equal([new DateOnly(2024, 1, 2), new DateOnly(2024, 1, 3)], result.Report.MissingDays);
        Assert.Equal((4, 4L, 4), (result.Report.FilesRead, result.Report.RowsRead, result.Events.Count));
        Assert.Equal([DayRange.UnixMsOf(new DateOnly(2024, 1, 1)), DayRange.UnixMsOf(new DateOnly(2024, 1, 1)), DayRange.UnixMsOf(new DateOnly(2024, 1, 4)), DayRange.UnixMsOf(new DateOnly(2024, 1, 1))],
            result.Events.Timestamps.ToArray());
        Assert.Equal(4, progress[^1].FileNumber);
        Assert.Equal(result.Report.BytesRead, progress[^1].Bytes);
        Assert.Equal(4, progress[^1].Rows);
    }

    [Fact]
    public void The_date_partition_can_be_mapped_as_the_timestamp_column()
    {
        using var dir = new TempFolder();
        dir.Write("dt=2024-02-03/part-0.tsv", "user_id\titem_id\nu1\ti1\n");

        IngestResult result = WarehouseIngest.Run(new IngestOptions { Path = dir.Path, Columns = new ColumnMapping { Timestamp = "dt" } });

        Assert.Equal(DayRange.UnixMsOf(new DateOnly(2024, 2, 3)), result.Events.Timestamps[0]);
    }

    /// <summary>Reports on the reporting thread, one at a time (Progress&lt;T&gt; posts to the thread pool, which would race the assertions).</summary>
    private sealed class SynchronousProgress(Action<IngestProgress> report) : IProgress<IngestProgress>
    {
        private readonly Lock _lock = new();

        public void Report(IngestProgress value)
        {
            lock (_lock)
            {
                report(value);
            }
        }
    }
}
