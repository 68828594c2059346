using SparkRecs.Core.Errors;
using SparkRecs.Warehouse.Ingest;
using SparkRecs.Warehouse.Options;
using SparkRecs.Warehouse.Parquet;
using SparkRecs.Warehouse.Reading;
using SparkRecs.Warehouse.Tests.TestSupport;
using static SparkRecs.Warehouse.Tests.Parquet.Ingest.ParquetTestFiles;

namespace SparkRecs.Warehouse.Tests.Parquet.Ingest;

public class ParquetIngestSchemaDriftTests
{
    private static readonly Dictionary<string, float> Weights = new() { ["view"] = 1f, ["buy"] = 5f };

    [Fact]
    public void Keys_and_values_widened_between_days_read_as_the_same_keys_and_numbers()
    {
        using var dir = new TempFolder();
        Write(Path.Combine(dir.Path, "dt=2024-03-01/part-0.parquet"),
            new TestColumn("user_id", ParquetWriterType.Int32, [7]),
            new TestColumn("item_id", ParquetWriterType.String, ["i1"]),
            new TestColumn("rating", ParquetWriterType.Int32, [4]));
        Write(Path.Combine(dir.Path, "dt=2024-03-02/part-0.parquet"),
            new TestColumn("user_id", ParquetWriterType.Int64, [7L]),
            new TestColumn("item_id", ParquetWriterType.String, ["i2"]),
            new TestColumn("rating", ParquetWriterType.Double, [4.5]));
        Write(Path.Combine(dir.Path, "dt=2024-03-03/part-0.parquet"),
            new TestColumn("user_id", ParquetWriterType.String, ["7"]),
            new TestColumn("item_id", ParquetWriterType.String, ["i1"]),
            new TestColumn("rating", ParquetWriterType.Float, [2.5f]));

        IngestResult result = WarehouseIngest.Run(new IngestOptions { Path = dir.Path, Columns = new ColumnMapping { Timestamp = "", Value = "rating" } });

        Assert.Equal(["7"], result.Events.UserKeys.Keys);
        Assert.Equal([4f, 4.5f, 2.5f], result.Events.Values.ToArray());
        Assert.Equal(0, result.Report.RowsRejected);
    }

    [Fact]
    public void A_day_without_the_event_type_column_has_its_rows_counted_as_unknown_event_types()
    {
        using var dir = new TempFolder();
        Write(Path.Combine(dir.Path, "dt=2024-03-01/part-0.parquet"),
            new TestColumn("user_id", ParquetWriterType.String, ["u1", "u2", "u3"]),
            new TestColumn("item_id", ParquetWriterType.String, ["i1", "i1", "i2"]),
            new TestColumn("event_type", ParquetWriterType.String, ["view", "buy", "view"]));
        string drifted = Write(Path.Combine(dir.Path, "dt=2024-03-02/part-0.parquet"),
            new TestColumn("user_id", ParquetWriterType.String, ["u1"]),
            new TestColumn("item_id", ParquetWriterType.String, ["i2"]));
        var options = new IngestOptions
        {
            Path = dir.Path,
            Columns = new ColumnMapping { Timestamp = "", EventType = "event_type" },
            EventWeights = Weights,
            MaxBadFraction = 0.5,
        };

        IngestResult result = WarehouseIngest.Run(options);

        Assert.Equal(3, result.Report.RowsAccepted);
        Assert.Equal(1, result.Report.Rejections[RejectReason.UnknownEventType]);
        Assert.Equal((drifted, 1L), (result.Report.FirstRejections[0].File, result.Report.FirstRejections[0].Line));
    }

    [Fact]
    public void A_day_without_the_quantity_column_weighs_its_events_by_type_alone()
    {
        using var dir = new TempFolder();
        Write(Path.Combine(dir.Path, "dt=2024-03-01/part-0.parquet"),
            new TestColumn("user_id", ParquetWriterType.String, ["u1"]),
            new TestColumn("item_id", ParquetWriterType.String, ["i1"]),
            new TestColumn("event_type", ParquetWriterType.String, ["buy"]),
            new TestColumn("qty", ParquetWriterType.Int32, [3]));
        Write(Path.Combine(dir.Path, "dt=2024-03-02/part-0.parquet"),
            new TestColumn("user_id", ParquetWriterType.String, ["u1"]),
            new TestColumn("item_id", ParquetWriterType.String, ["i2"]),
            new TestColumn("event_type", ParquetWriterType.String, ["buy"]));
        var options = new IngestOptions
        {
            Path = dir.Path,
            Columns = new ColumnMapping { Timestamp = "", EventType = "event_type", Value = "qty" },
            EventWeights = Weights,
        };

        IngestResult result = WarehouseIngest.Run(options);

        Assert.Equal([15f, 5f], result.Events.Values.ToArray());
    }

    [Fact]
    public void A_day_without_the_user_column_is_refused_naming_the_file_the_field_and_its_columns()
    {
        using var dir = new TempFolder();
        Write(Path.Combine(dir.Path, "dt=2024-03-01/part-0.parquet"),
            new TestColumn("user_id", ParquetWriterType.String, ["u1"]),
            new TestColumn("item_id", ParquetWriterType.String, ["i1"]));
        string renamed = Write(Path.Combine(dir.Path, "dt=2024-03-02/part-0.parquet"),
            new TestColumn("customer", ParquetWriterType.String, ["u1"]),
            new TestColumn("item_id", ParquetWriterType.String, ["i1"]));

        var error = Assert.Throws<DataException>(() => WarehouseIngest.Run(new IngestOptions { Path = dir.Path, Columns = new ColumnMapping { Timestamp = "" } }));

        Assert.Contains(renamed, error.Message);
        Assert.Contains("ingest:columns:user", error.Message);
        Assert.Contains("customer, item_id", error.Message);
    }

    [Fact]
    public void Nested_partition_values_serve_as_columns_of_parquet_files()
    {
        using var dir = new TempFolder();
        Write(Path.Combine(dir.Path, "events/region=eu/dt=2024-03-01/part-0.parquet"),
            new TestColumn("user_id", ParquetWriterType.String, ["u1", "u2"]),
            new TestColumn("item_id", ParquetWriterType.String, ["i1", "i2"]));
        Write(Path.Combine(dir.Path, "events/region=us/dt=2024-03-02/part-0.parquet"),
            new TestColumn("user_id", ParquetWriterType.String, ["u3"]),
            new TestColumn("item_id", ParquetWriterType.String, ["i1"]));
        var options = new IngestOptions
        {
            Path = dir.Path,
            Table = "events",
            Columns = new ColumnMapping { Timestamp = "dt", EventType = "region" },
            EventWeights = new Dictionary<string, float> { ["eu"] = 1f, ["us"] = 2f },
            Window = new IngestWindow { From = new DateOnly(2024, 3, 1), To = new DateOnly(2024, 3, 2) },
        };

        IngestResult result = WarehouseIngest.Run(options);

        Assert.Equal([1f, 1f, 2f], result.Events.Values.ToArray());
        Assert.Equal([Ms(new DateOnly(2024, 3, 1)), Ms(new DateOnly(2024, 3, 1)), Ms(new DateOnly(2024, 3, 2))], result.Events.Timestamps.ToArray());
        Assert.Equal(["u1", "u2", "u3"], result.Events.UserKeys.Keys);
    }

    [Fact]
    public void String_fields_are_validated_like_csv_with_file_and_row_numbers_across_row_groups()
    {
        using var dir = new TempFolder();
        string path = Write(Path.Combine(dir.Path, "dt=2024-03-01/part-0.parquet"),
            new TestColumn("user_id", ParquetWriterType.String, ["u1", "u2"], [null, "u4"], ["u5"]),
            new TestColumn("item_id", ParquetWriterType.String, ["i1", "i2"], ["i3", "i4"], ["i5"]),
            new TestColumn("timestamp", ParquetWriterType.String, ["2024-03-01T01:00:00Z", "garbage"], ["2024-03-01T02:00:00Z", ""], ["1709254800"]));
        var options = new IngestOptions { Path = dir.Path, MaxBadFraction = 1 };

        IngestResult result = WarehouseIngest.Run(options);

        Assert.Equal(2, result.Report.Rejections[RejectReason.BadTimestamp]);
        Assert.Equal(1, result.Report.Rejections[RejectReason.MissingKey]);
        Assert.Equal([(path, 2L, RejectReason.BadTimestamp), (path, 3L, RejectReason.MissingKey), (path, 4L, RejectReason.BadTimestamp)],
            result.Report.FirstRejections.Select(r => (r.File, r.Line, r.Reason)).ToArray());
        Assert.Equal([Ms(new DateOnly(2024, 3, 1), 1), Ms(new DateOnly(2024, 3, 1), 1)], result.Events.Timestamps.ToArray());
    }
}
