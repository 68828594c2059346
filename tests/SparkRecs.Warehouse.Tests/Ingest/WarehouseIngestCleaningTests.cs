using System.Text;
using SparkRecs.Warehouse.Cleaning;
using SparkRecs.Warehouse.Ingest;
using SparkRecs.Warehouse.Options;
using SparkRecs.Warehouse.Tests.TestSupport;

namespace SparkRecs.Warehouse.Tests.Ingest;

public class WarehouseIngestCleaningTests
{
    private static IngestOptions Options(string path) => new()
    {
        Format = "csv",
        Path = path,
        Columns = new ColumnMapping { EventType = "event_type" },
        EventWeights = new() { ["view"] = 1, ["purchase"] = 5 },
    };

    [Fact]
    public void Exact_duplicates_are_removed_keeping_the_first_and_other_types_or_times_stay()
    {
        using var dir = new TempFolder();
        string path = dir.Write("e.csv", "user_id,item_id,event_type,timestamp\n"
            + "u1,i1,view,100\nu2,i1,view,100\nu1,i1,view,100\nu1,i1,purchase,100\nu1,i1,view,101\nu1,i1,VIEW,100\nu2,i1,view,100\n");

        IngestResult result = WarehouseIngest.Run(Options(path));

        Assert.Equal(3, result.Report.DuplicatesRemoved);
        Assert.Equal([("u1", 100L, 1f), ("u2", 100L, 1f), ("u1", 100L, 5f), ("u1", 101L, 1f)],
            Enumerable.Range(0, result.Events.Count).Select(r => (result.Events.UserKeys.KeyOf(result.Events.Users[r]), result.Events.Timestamps[r] / 1000, result.Events.Values[r])));
    }

    [Fact]
    public void Dedupe_can_be_switched_off()
    {
        using var dir = new TempFolder();
        string path = dir.Write("e.csv", "user_id,item_id,event_type,timestamp\nu1,i1,view,100\nu1,i1,view,100\n");

        IngestResult result = WarehouseIngest.Run(Options(path) with { Dedupe = false });

        Assert.Equal((0L, 2), (result.Report.DuplicatesRemoved, result.Events.Count));
    }

    [Fact]
    public void The_bot_rule_drops_the_abnormally_active_user_and_reports_its_key_and_count()
    {
        using var dir = new TempFolder();
        var text = new StringBuilder("user_id,item_id,event_type,timestamp\n");
        int t = 0;
        for (int user = 0; user < 50; user++)
        {
            for (int k = 0; k <= user % 10; k++)
            {
                text.Append($"u{user},i{k},view,{t++}\n");
            }
        }
        for (int k = 0; k < 400; k++)
        {
            text.Append($"crawler,i{k},view,{t++}\n");
        }
        string path = dir.Write("e.csv", text.ToString());
        var rule = new BotRuleOptions { AbsoluteMax = 20, Multiplier = 10, Percentile = 99.9 };

        IngestResult result = WarehouseIngest.Run(Options(path) with { BotRule = rule });

        var bots = result.Report.Bots;
        Assert.Equal([new DroppedUser("crawler", 400)], bots.DroppedUsers);
        Assert.Equal((10.0, 100.0, 400L), (bots.ReferenceCount, bots.Threshold, bots.RowsRemoved));
        Assert.False(result.Events.UserKeys.TryGetId("crawler", out _));
        Assert.Equal(50, result.Events.UserKeys.Count);
        Assert.Equal(10, result.Events.ItemKeys.Count);
    }

    [Fact]
    public void The_bot_rule_keeps_everyone_below_its_absolute_floor()
    {
        using var dir = new TempFolder();
        string path = dir.Write("e.csv", "user_id,item_id,event_type,timestamp\n"
            + string.Concat(Enumerable.Range(0, 300).Select(k => $"heavy,i{k},view,{k}\n")) + "u1,i1,view,1\nu2,i1,view,1\n");

        IngestResult result = WarehouseIngest.Run(Options(path));

        Assert.Empty(result.Report.Bots.DroppedUsers);
        Assert.Equal(302, result.Events.Count);
    }

    [Fact]
    public void One_pass_min_support_can_leave_an_item_below_its_minimum_and_iterative_reaches_the_core()
    {
        using var dir = new TempFolder();
        // u1 and u2 each have 2 events; u3 has 1. Item b is shared by u1 and u3: after u3 goes it has 1 event.
        string path = dir.Write("e.csv", "user_id,item_id,event_type,timestamp\n"
            + "u1,a,view,1\nu1,b,view,2\nu2,a,view,3\nu2,c,view,4\nu3,b,view,5\nu4,c,view,6\nu4,a,view,7\n");
        var options = Options(path) with { MinUserInteractions = 2, MinItemInteractions = 2 };

        IngestResult once = WarehouseIngest.Run(options);
        IngestResult core = WarehouseIngest.Run(options with { IterativeMinSupport = true });

        Assert.Equal((1L, 1, 0, 1), (once.Report.MinSupport.RowsRemoved, once.Report.MinSupport.UsersRemoved, once.Report.MinSupport.ItemsRemoved, once.Report.MinSupport.Passes));
        Assert.Equal(6, once.Events.Count);
        Assert.Equal(["u1", "u2", "u4"], once.Events.UserKeys.Keys);
        Assert.Equal(["u2", "u4"], core.Events.UserKeys.Keys);
        Assert.Equal(["a", "c"], core.Events.ItemKeys.Keys);
        Assert.Equal(4, core.Events.Count);
        Assert.True(core.Report.MinSupport.Passes >= 3);
    }
}
