using SparkRecs.Core.Errors;
using SparkRecs.Warehouse.Discovery;
using SparkRecs.Warehouse.Options;
using SparkRecs.Warehouse.Reading;
using SparkRecs.Warehouse.Tests.TestSupport;

namespace SparkRecs.Warehouse.Tests.Reading;

public class DelimitedEventFileReaderTests
{
    private static CollectingSink Read(string path, EventFormat format, ColumnMapping? mapping = null, bool? hasHeader = null, EventFile? file = null)
    {
        var sink = new CollectingSink();
        var context = new EventFileContext(file ?? EventFile.Unpartitioned(path), format, mapping ?? new ColumnMapping(), hasHeader);
        new DelimitedEventFileReader().Read(context, sink, CancellationToken.None);
        return sink;
    }

    [Fact]
    public void Csv_columns_are_found_by_header_name_in_any_order()
    {
        using var dir = new TempFolder();
        string path = dir.Write("e.csv", "timestamp,item_id,extra,user_id\n100,\"i,1\",x,u1\n200,i2,y,u2\n");

        var sink = Read(path, EventFormat.Csv);

        Assert.Equal([("u1", "i,1", "100"), ("u2", "i2", "200")], sink.Events.Select(e => (e.User, e.Item, e.Timestamp)));
        Assert.Equal([2L, 3L], sink.Events.Select(e => e.Line));
    }

    [Fact]
    public void Gzipped_tsv_is_read_transparently_and_bytes_are_reported()
    {
        using var dir = new TempFolder();
        string path = dir.Write("part-0.tsv.gz", "user_id\titem_id\ttimestamp\nu1\ti1\t5\nu2\ti2\t6\n");

        var sink = Read(path, EventFormat.Auto);

        Assert.Equal(["u1", "u2"], sink.Events.Select(e => e.User));
        Assert.Equal(new FileInfo(path).Length, sink.LastBytes);
    }

    [Fact]
    public void Movielens_100k_layout_maps_columns_by_index_without_a_header()
    {
        using var dir = new TempFolder();
        string path = dir.Write("u.data", "196\t242\t3\t881250949\n186\t302\t3\t891717742\n");

        var sink = Read(path, EventFormat.Auto);

        Assert.Equal(("196", "242", "3", "881250949"), (sink.Events[0].User, sink.Events[0].Item, sink.Events[0].Value, sink.Events[0].Timestamp));
        Assert.Equal(2, sink.Events.Count);
    }

    [Fact]
    public void Movielens_csv_layout_uses_its_header_names()
    {
        using var dir = new TempFolder();
        string path = dir.Write("ratings.csv", "userId,movieId,rating,timestamp\n1,1,4.0,964982703\n1,3,4.5,964981247\n");

        var sink = Read(path, EventFormat.MovieLensCsv);

        Assert.Equal([("1", "3", "4.5")], sink.Events.Skip(1).Select(e => (e.User, e.Item, e.Value)));
    }

    [Fact]
    public void Rows_with_the_wrong_field_count_are_reported_with_their_line()
    {
        using var dir = new TempFolder();
        string path = dir.Write("e.csv", "user_id,item_id,timestamp\nu1,i1,1\nu2,i2\nu3,i3,3,extra\n\"u4,i4,4\n");

        var sink = Read(path, EventFormat.Csv);

        Assert.Single(sink.Events);
        Assert.Equal([(3L, RejectReason.WrongFieldCount), (4L, RejectReason.WrongFieldCount), (5L, RejectReason.BadQuoting)], sink.Malformed.Select(m => (m.Line, m.Reason)));
        Assert.Equal("u2,i2", sink.Malformed[0].Raw);
    }

    [Fact]
    public void A_partition_key_fills_a_column_the_file_does_not_have()
    {
        using var dir = new TempFolder();
        string path = dir.Write("region=eu/dt=2024-01-02/part-0.csv", "user_id,item_id\nu1,i1\n");
        var file = new EventFile(path, new FileInfo(path).Length, [new("region", "eu"), new("dt", "2024-01-02")], new DateOnly(2024, 1, 2));

        var sink = Read(path, EventFormat.Csv, new ColumnMapping { Timestamp = "dt", EventType = "region" }, file: file);

        Assert.Equal(("2024-01-02", "eu"), (sink.Events[0].Timestamp, sink.Events[0].EventType));
    }

    [Fact]
    public void A_mapped_column_missing_from_the_header_names_the_file_key_and_columns()
    {
        using var dir = new TempFolder();
        string path = dir.Write("e.csv", "uid,item_id,timestamp\nu1,i1,1\n");

        var error = Assert.Throws<DataException>(() => Read(path, EventFormat.Csv));

        Assert.Contains("e.csv", error.Message);
        Assert.Contains("ingest:columns:user", error.Message);
        Assert.Contains("uid, item_id, timestamp", error.Message);
    }
}
