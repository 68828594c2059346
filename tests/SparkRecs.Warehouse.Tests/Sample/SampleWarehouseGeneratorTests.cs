using SparkRecs.Core.Errors;
using SparkRecs.Warehouse.Cleaning;
using SparkRecs.Warehouse.Ingest;
using SparkRecs.Warehouse.Sample;
using SparkRecs.Warehouse.Tests.TestSupport;

namespace SparkRecs.Warehouse.Tests.Sample;

public class SampleWarehouseGeneratorTests
{
    private static readonly SampleOptions Small = new() { Users = 3000, Items = 500, Events = 60_000, Days = 6, Seed = 7, Topics = 8 };

    [Fact]
    public void The_same_seed_writes_the_same_bytes_whatever_the_thread_count()
    {
        using var a = new TempFolder();
        using var b = new TempFolder();
        using var c = new TempFolder();

        SampleSummary first = SampleWarehouseGenerator.Write(Small with { Threads = 1 }, a.Path);
        SampleSummary second = SampleWarehouseGenerator.Write(Small with { Threads = 4 }, b.Path);
        SampleSummary other = SampleWarehouseGenerator.Write(Small with { Seed = 8 }, c.Path);

        Assert.Equal(6, first.Files.Count);
        for (int day = 0; day < first.Files.Count; day++)
        {
            Assert.Equal(File.ReadAllBytes(first.Files[day]), File.ReadAllBytes(second.Files[day]));
        }
        Assert.NotEqual(File.ReadAllBytes(first.Files[0]), File.ReadAllBytes(other.Files[0]));
    }

    [Fact]
    public void Its_output_ingests_with_only_the_planted_rows_rejected_and_the_planted_bot_dropped()
    {
        using var dir = new TempFolder();
        SampleSummary summary = SampleWarehouseGenerator.Write(Small with { Ratings = true }, dir.Path);

        IngestResult result = WarehouseIngest.Run(SampleWarehouseGenerator.IngestOptionsFor(dir.Path));

        IngestReport report = result.Report;
        Assert.Equal(summary.Malformed, report.Rejections);
        Assert.Equal(summary.Malformed.Values.Sum(), report.RowsRejected);
        Assert.Equal(summary.Events, report.RowsAccepted);
        Assert.Equal(0, report.DuplicatesRemoved);
        Assert.Equal([new DroppedUser(summary.BotUserKey!, (int)summary.BotEvents)], report.Bots.DroppedUsers);
        Assert.Equal(Small.Events, result.Events.Count);
        Assert.Empty(report.MissingDays);
        Assert.Equal(summary.Bytes, report.BytesRead);
        Assert.Equal(report.RowsRead, report.RowsRejected + report.OutsideWindow + report.DuplicatesRemoved + report.Bots.RowsRemoved + report.MinSupport.RowsRemoved + report.Events);
    }

    [Fact]
    public void Reading_files_in_parallel_gives_the_same_table_and_report_as_reading_them_one_by_one()
    {
        using var dir = new TempFolder();
        SampleWarehouseGenerator.Write(Small, dir.Path);
        string quarantineOne = Path.Combine(dir.Path, "q1.tsv");
        string quarantineMany = Path.Combine(dir.Path, "q4.tsv");
        var options = SampleWarehouseGenerator.IngestOptionsFor(dir.Path) with { QuarantineMaxRows = 3 };

        IngestResult one = WarehouseIngest.Run(options with { ReadThreads = 1, QuarantinePath = quarantineOne });
        IngestResult many = WarehouseIngest.Run(options with { ReadThreads = 4, QuarantinePath = quarantineMany });

        Assert.Equal(one.Events.UserKeys.Keys, many.Events.UserKeys.Keys);
        Assert.Equal(one.Events.ItemKeys.Keys, many.Events.ItemKeys.Keys);
        Assert.True(one.Events.Users.SequenceEqual(many.Events.Users));
        Assert.True(one.Events.Items.SequenceEqual(many.Events.Items));
        Assert.True(one.Events.Values.SequenceEqual(many.Events.Values));
        Assert.True(one.Events.Timestamps.SequenceEqual(many.Events.Timestamps));
        Assert.Equal(one.Report.FirstRejections, many.Report.FirstRejections);
        Assert.Equal(one.Report.Rejections, many.Report.Rejections);
        Assert.Equal((one.Report with { Elapsed = default }).Describe(), (many.Report with { Elapsed = default }).Describe());
        Assert.Equal((3, 3), (one.Report.QuarantinedRows, many.Report.QuarantinedRows));
        Assert.Equal(File.ReadAllText(quarantineOne), File.ReadAllText(quarantineMany));
    }

    [Fact]
    public void Its_data_has_heavy_tailed_users_popular_items_and_a_plausible_funnel()
    {
        using var dir = new TempFolder();
        SampleWarehouseGenerator.Write(Small with { IncludeBot = false, MalformedRows = 0 }, dir.Path);

        IngestResult result = WarehouseIngest.Run(SampleWarehouseGenerator.IngestOptionsFor(dir.Path));

        var events = result.Events;
        int[] perUser = new int[events.UserKeys.Count];
        int[] perItem = new int[events.ItemKeys.Count];
        foreach (int u in events.Users) { perUser[u]++; }
        foreach (int i in events.Items) { perItem[i]++; }
        Array.Sort(perUser);
        Array.Sort(perItem);
        double topItemShare = perItem.Reverse().Take(perItem.Length / 10).Sum() / (double)events.Count;
        double views = events.Values.ToArray().Count(v => v == 1f) / (double)events.Count;

        Assert.True(perUser[^1] > 8 * perUser[perUser.Length / 2], $"busiest user {perUser[^1]} vs median {perUser[perUser.Length / 2]}");
        Assert.True(topItemShare > 0.3, $"top 10% of items hold {topItemShare:P0} of events");
        Assert.InRange(views, 0.82, 0.88);
        Assert.Empty(result.Report.Rejections);
    }

    [Fact]
    public void Item_popularity_drifts_over_the_days_while_evergreen_hits_stay()
    {
        using var dir = new TempFolder();
        SampleWarehouseGenerator.Write(Small with { IncludeBot = false }, dir.Path);

        var events = WarehouseIngest.Run(SampleWarehouseGenerator.IngestOptionsFor(dir.Path)).Events;

        long firstDayEnd = events.Timestamps.ToArray().Min() / 86_400_000 * 86_400_000 + 86_400_000;
        long lastDayStart = events.Timestamps.ToArray().Max() / 86_400_000 * 86_400_000;
        HashSet<int> TopItems(Func<long, bool> inDay) => Enumerable.Range(0, events.Count)
            .Where(r => inDay(events.Timestamps[r])).GroupBy(r => events.Items[r])
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Take(20).Select(g => g.Key).ToHashSet();
        HashSet<int> first = TopItems(t => t < firstDayEnd);
        HashSet<int> last = TopItems(t => t >= lastDayStart);

        Assert.InRange(first.Intersect(last).Count(), 4, 16);
    }

    [Fact]
    public void Generating_into_a_folder_with_old_partitions_is_refused()
    {
        using var dir = new TempFolder();
        dir.Write("events/dt=2020-01-01/part-00000.csv", "x");

        Assert.Throws<IOException>(() => SampleWarehouseGenerator.Write(Small, dir.Path));
    }

    [Fact]
    public void Invalid_sample_options_name_their_key()
    {
        var error = Assert.Throws<ConfigurationException>(() => new SampleOptions { Topics = 0 }.Validate());

        Assert.Equal("sample:topics", error.Key);
    }
}
