using SparkRecs.Warehouse.Ingest;
using SparkRecs.Warehouse.Options;
using SparkRecs.Warehouse.Parquet;
using SparkRecs.Warehouse.Reading;
using SparkRecs.Warehouse.Tests.TestSupport;
using static SparkRecs.Warehouse.Tests.Parquet.Ingest.ParquetTestFiles;

namespace SparkRecs.Warehouse.Tests.Parquet.Ingest;

public class ParquetIngestKeyTests
{
    [Fact]
    public void Dictionary_keys_get_ids_in_first_accepted_order_and_keys_of_rejected_rows_get_none()
    {
        using var dir = new TempFolder();
        object?[] users = ["u1", "u2", "u1", "u3", "u2"];
        object?[] items = ["i1", "i2", "i3", "i4", "i1"];
        object?[] times = ["bad", "2024-03-01T01:00:00Z", "2024-03-01T02:00:00Z", "bad", "2024-03-01T03:00:00Z"];
        Write(Path.Combine(dir.Path, "parquet/dt=2024-03-01/part-0.parquet"),
            new TestColumn("user_id", ParquetWriterType.String, users, users),
            new TestColumn("item_id", ParquetWriterType.String, items, items),
            new TestColumn("timestamp", ParquetWriterType.String, times, times));
        string rows = string.Join("\n", users.Select((u, i) => $"{u},{items[i]},{times[i]}"));
        dir.Write("csv/dt=2024-03-01/part-0.csv", $"user_id,item_id,timestamp\n{rows}\n{rows}\n");
        using (ParquetFile file = ParquetFile.Open(Path.Combine(dir.Path, "parquet/dt=2024-03-01/part-0.parquet")))
        {
            Assert.True(file.ReadColumn(1, "user_id").IsDictionaryEncoded);
        }

        IngestResult parquet = WarehouseIngest.Run(new IngestOptions { Path = dir.Path, Table = "parquet", MaxBadFraction = 0.5, Dedupe = false });
        IngestResult csv = WarehouseIngest.Run(new IngestOptions { Path = dir.Path, Table = "csv", MaxBadFraction = 0.5, Dedupe = false });

        Assert.Equal(["u2", "u1"], parquet.Events.UserKeys.Keys);
        Assert.Equal(["i2", "i3", "i1"], parquet.Events.ItemKeys.Keys);
        Assert.Equal(csv.Events.Users.ToArray(), parquet.Events.Users.ToArray());
        Assert.Equal(csv.Events.Items.ToArray(), parquet.Events.Items.ToArray());
        Assert.Equal(4, parquet.Report.Rejections[RejectReason.BadTimestamp]);
    }
}
