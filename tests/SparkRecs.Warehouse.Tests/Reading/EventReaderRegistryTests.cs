using SparkRecs.Core.Errors;
using SparkRecs.Warehouse.Discovery;
using SparkRecs.Warehouse.Ingest;
using SparkRecs.Warehouse.Options;
using SparkRecs.Warehouse.Reading;
using SparkRecs.Warehouse.Tests.TestSupport;

namespace SparkRecs.Warehouse.Tests.Reading;

public class EventReaderRegistryTests
{
    [Fact]
    public void A_parquet_file_without_a_registered_reader_fails_before_reading_and_says_what_to_register()
    {
        using var dir = new TempFolder();
        dir.Write("dt=2024-01-01/part-0.csv", "user_id,item_id,timestamp\nu1,i1,1\n");
        dir.Write("dt=2024-01-02/part-0.snappy.parquet", "PAR1");

        var error = Assert.Throws<DataException>(() => WarehouseIngest.Run(new IngestOptions { Path = dir.Path }));

        Assert.Contains("part-0.snappy.parquet", error.Message);
        Assert.Contains("register a reader for '.parquet'", error.Message);
    }

    [Fact]
    public void A_registered_reader_receives_its_files_with_partition_values_and_feeds_the_ingest()
    {
        using var dir = new TempFolder();
        dir.Write("region=eu/dt=2024-01-01/part-0.parquet", "PAR1");
        var readers = EventReaderRegistry.CreateDefault().Add(new FakeColumnarReader());

        IngestResult result = WarehouseIngest.Run(new IngestOptions { Path = dir.Path }, readers, null, TimeProvider.System, CancellationToken.None);

        Assert.Equal(["eu-user"], result.Events.UserKeys.Keys);
        Assert.Equal([1_704_067_200_000L], result.Events.Timestamps.ToArray());
    }

    /// <summary>Stands in for a columnar reader: typed values formatted into a stack buffer, as <see cref="EventFields"/> advises.</summary>
    private sealed class FakeColumnarReader : IEventFileReader
    {
        public bool CanRead(EventFile file, EventFormat format) => file.Path.EndsWith(".parquet", StringComparison.Ordinal);

        public void Read(EventFileContext context, IEventSink sink, CancellationToken cancellationToken)
        {
            EventColumns columns = EventColumns.Resolve(context.ColumnsFor(EventFormat.Auto), ["user_id", "item_id", "timestamp"], context.File);
            Assert.Equal((0, 1, 2), (columns.User.Index, columns.Item.Index, columns.Timestamp.Index));
            Span<char> millis = stackalloc char[20];
            1_704_067_200_000L.TryFormat(millis, out int written);
            string user = context.File.PartitionValue("region") + "-user";
            sink.OnEvent(new EventFields(1, user, "item", millis[..written], default, default, "row 1"));
            sink.OnBytesRead(context.File.Length);
        }
    }
}
