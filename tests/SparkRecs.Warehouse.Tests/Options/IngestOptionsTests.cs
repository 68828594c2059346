using System.Text;
using Microsoft.Extensions.Configuration;
using SparkRecs.Core.Errors;
using SparkRecs.Warehouse.Options;
using SparkRecs.Warehouse.Tests.TestSupport;

namespace SparkRecs.Warehouse.Tests.Options;

public class IngestOptionsTests
{
    public static TheoryData<string, Func<IngestOptions, IngestOptions>> BadOptions => new()
    {
        { "ingest:format", o => o with { Format = "xml" } },
        { "ingest:timestampFormat", o => o with { TimestampFormat = "epoch" } },
        { "ingest:path", o => o with { Path = "" } },
        { "ingest:table", o => o with { Table = "no-such-table" } },
        { "ingest:maxBadFraction", o => o with { MaxBadFraction = 1.5 } },
        { "ingest:minUserInteractions", o => o with { MinUserInteractions = 0 } },
        { "ingest:minItemInteractions", o => o with { MinItemInteractions = -1 } },
        { "ingest:botRule:multiplier", o => o with { BotRule = new BotRuleOptions { Multiplier = 0.5 } } },
        { "ingest:botRule:percentile", o => o with { BotRule = new BotRuleOptions { Percentile = 100 } } },
        { "ingest:botRule:absoluteMax", o => o with { BotRule = new BotRuleOptions { AbsoluteMax = 0 } } },
        { "ingest:window:lookbackDays", o => o with { Window = new IngestWindow { LookbackDays = 7, From = new DateOnly(2024, 1, 1) } } },
        { "ingest:window", o => o with { Window = new IngestWindow { From = new DateOnly(2024, 2, 1), To = new DateOnly(2024, 1, 1) } } },
        { "ingest:window:end", o => o with { Window = new IngestWindow { End = new DateOnly(2024, 2, 1) } } },
        { "ingest:columns:user", o => o with { Columns = new ColumnMapping { User = "" } } },
        { "ingest:eventWeights", o => o with { Columns = new ColumnMapping { EventType = "event_type" } } },
        { "ingest:eventWeights:view", o => o with { Columns = new ColumnMapping { EventType = "event_type" }, EventWeights = new() { ["view"] = -1 } } },
        { "ingest:rating", o => o with { Rating = new RatingRange { Min = 5, Max = 1 } } },
        { "ingest:partitioning:dateKey", o => o with { Partitioning = new PartitioningOptions { DateKey = " " } } },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Each_invalid_option_is_reported_under_its_config_key(string key, Func<IngestOptions, IngestOptions> spoil)
    {
        using var dir = new TempFolder();
        var valid = new IngestOptions { Path = dir.Path };
        valid.Validate();

        var error = Assert.Throws<ConfigurationException>(() => spoil(valid).Validate());

        Assert.Equal(key, error.Key);
        Assert.Equal(2, error.ExitCode);
    }

    [Fact]
    public void Options_bind_from_a_json_config_section()
    {
        const string json = """
            {
              "ingest": {
                "format": "csv",
                "path": "warehouse",
                "table": "events",
                "window": { "lookbackDays": 30, "end": "2024-05-31" },
                "columns": { "user": "user_id", "item": "item_id", "eventType": "event_type" },
                "timestampFormat": "iso8601",
                "eventWeights": { "view": 1, "purchase": 5 },
                "rating": { "min": 0.5, "max": 5 },
                "maxBadFraction": 0.02,
                "botRule": { "multiplier": 20, "percentile": 99 },
                "minUserInteractions": 5,
                "iterativeMinSupport": true
              }
            }
            """;
        IConfiguration config = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();

        var options = config.GetSection(IngestOptions.SectionName).Get<IngestOptions>()!;

        Assert.Equal(("csv", "warehouse", "events"), (options.Format, options.Path, options.Table));
        Assert.Equal((30, new DateOnly(2024, 5, 31)), (options.Window.LookbackDays, options.Window.End));
        Assert.Equal(("user_id", "event_type"), (options.Columns.User, options.Columns.EventType));
        Assert.Equal(5f, options.EventWeights!["purchase"]);
        Assert.Equal((0.5f, 5f), (options.Rating.Min, options.Rating.Max));
        Assert.Equal((0.02, 20.0, 99.0), (options.MaxBadFraction, options.BotRule.Multiplier, options.BotRule.Percentile));
        Assert.True(options.BotRule.Enabled);
        Assert.Equal((5, 1, true), (options.MinUserInteractions, options.MinItemInteractions, options.IterativeMinSupport));
    }

    [Fact]
    public void A_lookback_window_without_an_end_ends_yesterday()
    {
        using var dir = new TempFolder();
        var options = new IngestOptions { Path = dir.Path, Window = new IngestWindow { LookbackDays = 7 } };
        var clock = new FixedClock(new DateTimeOffset(2024, 3, 10, 5, 0, 0, TimeSpan.Zero));

        var plan = options.Resolve(clock);

        Assert.Equal((new DateOnly(2024, 3, 3), new DateOnly(2024, 3, 9)), (plan.Window!.Value.From, plan.Window.Value.To));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
