using SparkRecs.Pipeline.Engines.Spark;
using SparkRecs.Warehouse.Options;

namespace SparkRecs.Spark.Tests.Engine;

/// <summary>The local ingest's rules as the Spark SQL the engine sends.</summary>
public sealed class SparkIngestSqlTests
{
    private static IngestOptions Options(Func<IngestOptions, IngestOptions>? change = null)
    {
        var options = new IngestOptions
        {
            Format = "tsv",
            TimestampFormat = "unix-seconds",
            Columns = new ColumnMapping { User = "user_id", Item = "item_id", Timestamp = "ts" },
        };
        return change is null ? options : change(options);
    }

    [Fact]
    public void Tsv_is_read_through_the_csv_source_with_a_tab_separator_and_every_column_as_text()
    {
        var source = SparkIngestSql.Source(Options(o => o with { HasHeader = false }), "hdfs:///events").Read.DataSource;

        Assert.Equal("csv", source.Format);
        Assert.Equal("\t", source.Options["sep"]);
        Assert.Equal("false", source.Options["header"]);
        Assert.Equal("false", source.Options["inferSchema"]);
        Assert.Equal("", source.Options["quote"]);
        Assert.Equal(["hdfs:///events"], source.Paths);
    }

    [Fact]
    public void Event_types_are_weighted_case_insensitively_and_an_unknown_type_makes_the_row_invalid()
    {
        string sql = SparkIngestSql.Parsed(Options(o => o with
        {
            Columns = o.Columns with { EventType = "kind" },
            EventWeights = new() { ["View"] = 1, ["pur'chase"] = 5 },
        }), null);

        Assert.Contains("CASE lower(trim(CAST(`kind` AS STRING))) WHEN 'pur\\'chase' THEN CAST(5D AS FLOAT) WHEN 'view' THEN CAST(1D AS FLOAT) END", sql);
        Assert.Contains("value IS NOT NULL", sql);
        Assert.DoesNotContain("WHERE coalesce(try_to_date(CAST(`dt`", sql);
    }

    [Fact]
    public void Explicit_ratings_outside_the_range_are_invalid()
    {
        string sql = SparkIngestSql.Parsed(Options(o => o with { Columns = o.Columns with { Value = "stars" }, Rating = new RatingRange { Min = 1, Max = 5 } }), null);

        Assert.Contains("try_cast(trim(CAST(`stars` AS STRING)) AS FLOAT) AS value", sql);
        Assert.Contains("value >= CAST(1D AS FLOAT) AND value <= CAST(5D AS FLOAT)", sql);
    }

    [Theory]
    [InlineData("unix-seconds", "CAST(try_cast(CAST(`ts` AS STRING) AS DOUBLE) * 1000 AS BIGINT)")]
    [InlineData("unix-millis", "CAST(try_cast(CAST(`ts` AS STRING) AS DOUBLE) AS BIGINT)")]
    [InlineData("iso8601", "unix_millis(try_to_timestamp(CAST(`ts` AS STRING)))")]
    public void Timestamps_become_unix_milliseconds_per_the_configured_format(string format, string expression)
    {
        Assert.Contains(expression + " AS ts_ms", SparkIngestSql.Parsed(Options(o => o with { TimestampFormat = format }), null));
    }

    [Fact]
    public void Unset_columns_take_the_formats_defaults_as_the_local_ingest_does()
    {
        string sql = SparkIngestSql.Parsed(new IngestOptions { Format = "jsonl", TimestampFormat = "unix-millis" }, null);

        Assert.Contains("trim(CAST(`user_id` AS STRING)) AS user_key", sql);
        Assert.Contains("trim(CAST(`item_id` AS STRING)) AS item_key", sql);
        Assert.Contains("CAST(`timestamp` AS STRING)", sql);
    }

    [Fact]
    public void Without_a_timestamp_column_the_partition_day_is_the_event_time()
    {
        string sql = SparkIngestSql.Parsed(Options(o => o with { Columns = o.Columns with { Timestamp = "" }, Partitioning = new PartitioningOptions { DateKey = "day" } }), null);

        Assert.Contains("unix_millis(CAST(coalesce(try_to_date(CAST(`day` AS STRING), 'yyyy-MM-dd'), try_to_date(CAST(`day` AS STRING), 'yyyyMMdd')) AS TIMESTAMP)) AS ts_ms", sql);
    }

    [Fact]
    public void A_lookback_window_reads_the_days_ending_yesterday()
    {
        var window = SparkIngestSql.Window(new IngestWindow { LookbackDays = 7 }, new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero));

        Assert.Equal((new DateOnly(2026, 11, 16), new DateOnly(2026, 11, 22)), window);
        Assert.Contains("coalesce(try_to_date(CAST(`dt` AS STRING), 'yyyy-MM-dd'), try_to_date(CAST(`dt` AS STRING), 'yyyyMMdd')) BETWEEN DATE'2026-11-16' AND DATE'2026-11-22'", SparkIngestSql.Parsed(Options(), window));
        Assert.Null(SparkIngestSql.Window(new IngestWindow(), DateTimeOffset.UtcNow));
    }

    [Fact]
    public void Cleaning_dedupes_drops_bots_and_applies_one_pass_of_minimum_support()
    {
        string sql = SparkIngestSql.Events(Options(o => o with { MinUserInteractions = 3, MinItemInteractions = 2, BotRule = new BotRuleOptions { AbsoluteMax = 500, Multiplier = 4, Percentile = 99 } }));

        Assert.Contains("GROUP BY user_key, item_key, ts_ms, event_type", sql);
        Assert.Contains("greatest(CAST(500 AS DOUBLE), 4D * MAX(CASE WHEN idx = floor(0.99D * (total - 1)) THEN n END))", sql);
        Assert.Contains("WHERE per_user.n <= limits.threshold", sql);
        Assert.Contains("WHERE user_events >= 3 AND item_events >= 2", sql);
    }

    [Fact]
    public void Switched_off_rules_leave_no_trace_in_the_sql()
    {
        string sql = SparkIngestSql.Events(Options(o => o with { Dedupe = false, BotRule = new BotRuleOptions { Enabled = false } }));

        Assert.DoesNotContain("GROUP BY", sql);
        Assert.DoesNotContain("threshold", sql);
        Assert.DoesNotContain("user_events", sql);
    }

    [Theory]
    [InlineData(false, false, "CAST(SUM(value) AS FLOAT)")]
    [InlineData(true, false, "CAST(max_by(value, ts_ms) AS FLOAT)")]
    [InlineData(false, true, "CAST(1 AS FLOAT)")]
    public void Repeated_pairs_combine_as_the_local_matrix_combines_them(bool explicitRatings, bool binary, string value)
    {
        var views = new SparkModelSql("final").CreateTrainingViews("sparkrecs_events", explicitRatings, binary);

        Assert.Equal(4, views.Count);
        Assert.Contains($"{value} AS value FROM `sparkrecs_events` GROUP BY user_key, item_key", views[0]);
        Assert.Contains("CREATE OR REPLACE TEMP VIEW `sparkrecs_final_ids`", views[3]);
    }

    [Fact]
    public void Keys_and_event_types_are_trimmed_and_infinite_values_are_invalid_as_in_the_local_ingest()
    {
        string sql = SparkIngestSql.Parsed(Options(o => o with { Columns = o.Columns with { EventType = "kind" }, EventWeights = new() { ["view"] = 1 } }), null);

        Assert.Contains("lower(trim(CAST(`kind` AS STRING))) AS event_type", sql);
        Assert.Contains("user_key <> ''", sql);
        Assert.Contains("abs(value) < CAST('Infinity' AS FLOAT)", sql);
    }

    [Fact]
    public void A_weighted_event_with_a_value_that_is_not_a_number_is_invalid_and_an_empty_one_counts_once()
    {
        string sql = SparkIngestSql.Parsed(Options(o => o with
        {
            Columns = o.Columns with { EventType = "kind", Value = "qty" },
            EventWeights = new() { ["view"] = 2 },
        }), null);

        Assert.Contains("* (CASE WHEN trim(CAST(`qty` AS STRING)) IS NULL OR trim(CAST(`qty` AS STRING)) = '' THEN CAST(1D AS FLOAT) ELSE try_cast(trim(CAST(`qty` AS STRING)) AS FLOAT) END)", sql);
        Assert.DoesNotContain("coalesce(try_cast", sql);
    }

    [Fact]
    public void Csv_keeps_spark_quoting_and_only_tsv_turns_it_off()
    {
        var csv = SparkIngestSql.Source(Options(o => o with { Format = "csv" }), "hdfs:///events").Read.DataSource;

        Assert.False(csv.Options.ContainsKey("quote"));
    }
}
