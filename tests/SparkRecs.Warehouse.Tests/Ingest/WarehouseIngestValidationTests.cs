using SparkRecs.Core.Errors;
using SparkRecs.Warehouse.Discovery;
using SparkRecs.Warehouse.Ingest;
using SparkRecs.Warehouse.Options;
using SparkRecs.Warehouse.Reading;
using SparkRecs.Warehouse.Tests.TestSupport;

namespace SparkRecs.Warehouse.Tests.Ingest;

public class WarehouseIngestValidationTests
{
    private static readonly Dictionary<string, float> Weights = new() { ["view"] = 1, ["cart"] = 3, ["purchase"] = 5 };

    private static string GoodRows(int count, int firstLine = 0)
        => string.Concat(Enumerable.Range(firstLine, count).Select(i => $"u{i % 7},i{i % 11},view,{1_700_000_000 + i},\n"));

    private static IngestOptions Implicit(string path, double maxBad = 0.01) => new()
    {
        Format = "csv",
        Path = path,
        Columns = new ColumnMapping { EventType = "event_type", Value = "qty" },
        EventWeights = Weights,
        MaxBadFraction = maxBad,
    };

    [Fact]
    public void Malformed_rows_are_counted_per_reason_and_the_rest_is_kept()
    {
        using var dir = new TempFolder();
        string path = dir.Write("events.csv", "user_id,item_id,event_type,timestamp,qty\n"
            + GoodRows(100)
            + ",i1,view,1700000000,\n"          // line 102: missing user
            + "u1, ,view,1700000000,\n"         // missing item
            + "u1,i1,view,yesterday,\n"         // bad timestamp
            + "u1,i1,wishlist,1700000000,\n"    // unknown event type
            + "u1,i1,cart,1700000000,two\n"     // bad number
            + "u1,i1,view\n"                    // wrong field count
            + "u1,i1,purchase,1700000000,2\n"); // good: weight 5 x quantity 2

        IngestResult result = WarehouseIngest.Run(Implicit(path, maxBad: 0.1));

        var expected = new Dictionary<RejectReason, long>
        {
            [RejectReason.MissingKey] = 2,
            [RejectReason.BadNumber] = 1,
            [RejectReason.BadTimestamp] = 1,
            [RejectReason.UnknownEventType] = 1,
            [RejectReason.WrongFieldCount] = 1,
        };
        Assert.Equal(expected, result.Report.Rejections);
        Assert.Equal((107L, 101L, 6L), (result.Report.RowsRead, result.Report.RowsAccepted, result.Report.RowsRejected));
        Assert.Equal(102, result.Report.FirstRejections[0].Line);
        Assert.Equal(10f, result.Events.Values[^1]);
    }

    [Fact]
    public void Too_many_bad_rows_fail_naming_file_lines_counts_and_the_key_to_raise()
    {
        using var dir = new TempFolder();
        string path = dir.Write("events.csv", "user_id,item_id,event_type,timestamp,qty\n"
            + GoodRows(50) + "u1,i1,view,never,\n" + "u2,i2,click,1700000000,\n");

        var error = Assert.Throws<DataException>(() => WarehouseIngest.Run(Implicit(path, maxBad: 0.01)));

        Assert.Contains("events.csv:52: BadTimestamp", error.Message);
        Assert.Contains("events.csv:53: UnknownEventType", error.Message);
        Assert.Contains("2 of 52 rows", error.Message);
        Assert.Contains("BadTimestamp 1, UnknownEventType 1", error.Message);
        Assert.Contains("ingest:maxBadFraction", error.Message);
        Assert.Equal(3, error.ExitCode);
    }

    [Fact]
    public void Explicit_ratings_outside_the_range_or_missing_are_rejected()
    {
        using var dir = new TempFolder();
        string path = dir.Write("ratings.csv", "userId,movieId,rating,timestamp\n1,1,4.5,964982703\n1,2,7,964982703\n1,3,,964982703\n1,4,0.5,964982703\n");
        var options = new IngestOptions { Format = "movielens-csv", Path = path, Rating = new RatingRange { Min = 0.5f, Max = 5 }, MaxBadFraction = 1 };

        IngestResult result = WarehouseIngest.Run(options);

        Assert.Equal(new Dictionary<RejectReason, long> { [RejectReason.MissingValue] = 1, [RejectReason.RatingOutOfRange] = 1 }, result.Report.Rejections);
        Assert.Equal([4.5f, 0.5f], result.Events.Values.ToArray());
        Assert.Equal([964982703000L, 964982703000L], result.Events.Timestamps.ToArray());
    }

    [Fact]
    public void Rejected_rows_are_sampled_into_the_quarantine_file_up_to_its_cap()
    {
        using var dir = new TempFolder();
        string path = dir.Write("events.csv", "user_id,item_id,event_type,timestamp,qty\n" + GoodRows(10)
            + "u1,i1,view,bad\ttime,\n" + "u1,i1,nope,1,\n" + "u1,i1,nope,2,\n");
        string quarantine = Path.Combine(dir.Path, "quarantine.tsv");

        IngestResult result = WarehouseIngest.Run(Implicit(path, maxBad: 0.5) with { QuarantinePath = quarantine, QuarantineMaxRows = 2 });

        string[] lines = File.ReadAllLines(quarantine);
        Assert.Equal("file\tline\treason\tdetail\traw", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.Equal([path, "12", "BadTimestamp", "timestamp 'bad\\ttime'", "u1,i1,view,bad\\ttime,"], lines[1].Split('\t'));
        Assert.Equal(2, result.Report.QuarantinedRows);
        Assert.Equal(3, result.Report.RowsRejected);
    }

    [Fact]
    public void A_corrupt_gzip_file_fails_naming_the_file()
    {
        using var dir = new TempFolder();
        dir.Write("dt=2024-01-01/part-00000.csv.gz", "user_id,item_id,timestamp\nu1,i1,1\n");
        string broken = Path.Combine(dir.Path, "dt=2024-01-02", "part-00000.csv.gz");
        Directory.CreateDirectory(Path.GetDirectoryName(broken)!);
        // A gzip header followed by a deflate block of the reserved type 3, then a plausible trailer.
        File.WriteAllBytes(broken, [0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0x03, 0xff, 0xff, 0x12, 0x34, 0x56, 0x78, 0, 0, 0, 0, 0x10, 0, 0, 0]);

        var error = Assert.Throws<DataException>(() => WarehouseIngest.Run(new IngestOptions { Format = "csv", Path = dir.Path }));

        Assert.Contains(broken, error.Message);
        Assert.Contains("corrupt", error.Message);
    }

    [Fact]
    public void A_truncated_gzip_file_fails_instead_of_losing_its_tail_silently()
    {
        using var dir = new TempFolder();
        string rows = "user_id,item_id,timestamp\n" + string.Concat(Enumerable.Range(0, 20_000).Select(i => $"u{i * 7919 % 10007},i{i * 104729 % 1009},{i}\n"));
        string path = dir.Write("dt=2024-01-01/part-00000.csv.gz", rows);
        byte[] whole = File.ReadAllBytes(path);
        File.WriteAllBytes(path, whole[..(whole.Length / 2)]);

        var error = Assert.Throws<DataException>(() => WarehouseIngest.Run(new IngestOptions { Format = "csv", Path = dir.Path }));

        Assert.Contains(path, error.Message);
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void An_empty_gzip_file_counts_as_an_empty_day()
    {
        using var dir = new TempFolder();
        dir.Write("dt=2024-01-01/part-00000.csv.gz", "user_id,item_id,timestamp\nu1,i1,1\n");
        dir.Write("dt=2024-01-02/part-00000.csv", "");
        File.WriteAllBytes(Path.Combine(dir.Path, "dt=2024-01-02", "part-00001.csv.gz"), []);

        IngestResult result = WarehouseIngest.Run(new IngestOptions { Path = dir.Path });

        Assert.Equal([new DateOnly(2024, 1, 2)], result.Report.MissingDays);
        Assert.Equal(1, result.Events.Count);
    }

    [Fact]
    public void A_window_on_an_undated_file_drops_events_outside_it_by_timestamp()
    {
        using var dir = new TempFolder();
        string path = dir.Write("events.csv", "user_id,item_id,timestamp\nu1,i1,2024-01-01T10:00:00Z\nu1,i2,2024-01-02T23:59:59Z\nu1,i3,2024-01-03T00:00:00Z\n");
        var options = new IngestOptions { Path = path, Window = new IngestWindow { From = new DateOnly(2024, 1, 2), To = new DateOnly(2024, 1, 2) } };

        IngestResult result = WarehouseIngest.Run(options);

        Assert.Equal(["i2"], result.Events.ItemKeys.Keys);
        Assert.Equal(2, result.Report.OutsideWindow);
        Assert.Equal(new DayRange(new DateOnly(2024, 1, 2), new DateOnly(2024, 1, 2)), result.Report.Days);
        Assert.Empty(result.Report.MissingDays);
        Assert.Equal(0, result.Report.RowsRejected);
    }

    [Fact]
    public void No_rows_in_the_window_is_a_data_error()
    {
        using var dir = new TempFolder();
        dir.Write("dt=2024-01-01/part-0.csv", "user_id,item_id,timestamp\nu1,i1,1\n");
        var options = new IngestOptions { Path = dir.Path, Window = new IngestWindow { From = new DateOnly(2025, 1, 1), To = new DateOnly(2025, 1, 31) } };

        var error = Assert.Throws<DataException>(() => WarehouseIngest.Run(options));

        Assert.Contains("ingest:window", error.Message);
    }

    [Fact]
    public void A_cancelled_ingest_stops_with_operation_cancelled()
    {
        using var dir = new TempFolder();
        string path = dir.Write("e.csv", "user_id,item_id,timestamp\nu1,i1,1\n");
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => WarehouseIngest.Run(new IngestOptions { Path = path }, null, cancelled.Token));
    }
}
