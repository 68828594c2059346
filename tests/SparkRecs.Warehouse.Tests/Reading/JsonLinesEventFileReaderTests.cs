using SparkRecs.Warehouse.Discovery;
using SparkRecs.Warehouse.Options;
using SparkRecs.Warehouse.Reading;
using SparkRecs.Warehouse.Tests.TestSupport;

namespace SparkRecs.Warehouse.Tests.Reading;

public class JsonLinesEventFileReaderTests
{
    [Fact]
    public void Mapped_properties_are_read_and_non_objects_are_bad_json()
    {
        using var dir = new TempFolder();
        string path = dir.Write("part-0.jsonl.gz",
            "{\"user_id\":\"u\\u0031\",\"item_id\":7,\"meta\":{\"user_id\":\"nested\"},\"timestamp\":\"2024-01-01T00:00:00Z\",\"event_type\":null}\n"
            + "[1,2]\n"
            + "{\"user_id\":\"u2\",\"item_id\":\"i2\"\n"
            + "{\"item_id\":\"i3\",\"user_id\":\"u3\",\"timestamp\":5}\n");
        var sink = new CollectingSink();
        var context = new EventFileContext(EventFile.Unpartitioned(path), EventFormat.Auto, new ColumnMapping { EventType = "event_type" }, null);

        Assert.True(new JsonLinesEventFileReader().CanRead(context.File, EventFormat.Auto));
        new JsonLinesEventFileReader().Read(context, sink, CancellationToken.None);

        Assert.Equal([("u1", "7", "2024-01-01T00:00:00Z", ""), ("u3", "i3", "5", "")], sink.Events.Select(e => (e.User, e.Item, e.Timestamp, e.EventType)));
        Assert.Equal([(2L, RejectReason.BadJson), (3L, RejectReason.BadJson)], sink.Malformed.Select(m => (m.Line, m.Reason)));
    }
}
