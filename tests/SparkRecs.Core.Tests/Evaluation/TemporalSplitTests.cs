using SparkRecs.Core.Data;
using SparkRecs.Core.Errors;
using SparkRecs.Core.Evaluation;
using static SparkRecs.Core.Tests.Evaluation.EvaluationFixtures;

namespace SparkRecs.Core.Tests.Evaluation;

public class TemporalSplitTests
{
    private static InteractionTable Sample() => Table(
        ("alice", "a", 5, 10), ("bob", "b", 4, 20), ("alice", "c", 3, 30), ("carol", "a", 2, 40),
        ("alice", "b", 5, 50), ("dave", "a", 4, 60), ("bob", "z", 5, 70), ("carol", "c", 1, 80),
        ("alice", "a", 4, 200));

    [Fact]
    public void Global_split_trains_before_the_cutoff_and_tests_inside_the_horizon()
    {
        var split = TemporalSplit.Global(Sample(), cutoffMs: 50, horizonMs: 100);
        Assert.Equal(4, split.Counts.TrainRows);
        Assert.Equal(4, split.Counts.TestRows);
        Assert.Equal(1, split.Counts.OutsideWindowRows);
        Assert.All(split.Train.Timestamps.ToArray(), t => Assert.True(t < 50));
        Assert.All(split.Test.Timestamps.ToArray(), t => Assert.InRange(t, 50, 149));
        Assert.Equal(SplitKind.GlobalTemporal, split.Description.Kind);
        Assert.Equal("1970-01-01T00:00:00.050Z", split.Description.CutoffIso);
        Assert.Equal(100, split.Description.HorizonMs);
    }

    [Fact]
    public void Training_key_indexes_hold_only_what_training_saw()
    {
        var split = TemporalSplit.Global(Sample(), cutoffMs: 50, horizonMs: 100);
        Assert.Equal(["alice", "bob", "carol"], split.Train.UserKeys.Keys);
        Assert.Equal(["a", "b", "c"], split.Train.ItemKeys.Keys);
    }

    [Fact]
    public void Cold_users_and_items_are_counted_not_dropped()
    {
        var split = TemporalSplit.Global(Sample(), cutoffMs: 50, horizonMs: 100);
        // Test rows: alice-b (warm), dave-a (cold user), bob-z (cold item), carol-c (warm).
        Assert.Equal([0, -1, 1, 2], split.Test.Users.ToArray());
        Assert.Equal([1, 0, -1, 2], split.Test.Items.ToArray());
        Assert.Equal(1, split.Counts.ColdUserTestRows);
        Assert.Equal(1, split.Counts.ColdUsers);
        Assert.Equal(1, split.Counts.ColdItemTestRows);
        Assert.Equal(0.25, split.Counts.ColdItemShare);
        Assert.Equal(["dave"], split.Test.ColdUserKeys);
        Assert.Equal(["z"], split.Test.ColdItemKeys);
    }

    [Fact]
    public void Changing_test_window_rows_leaves_training_identical()
    {
        var original = TemporalSplit.Global(Sample(), 50, 100);
        var altered = Table(
            ("alice", "a", 5, 10), ("bob", "b", 4, 20), ("alice", "c", 3, 30), ("carol", "a", 2, 40),
            ("zoe", "new", 1, 55), ("alice", "a", 1, 60), ("erin", "b", 5, 61), ("bob", "y", 5, 99));
        var changed = TemporalSplit.Global(altered, 50, 100);
        Assert.Equal(original.Train.Users.ToArray(), changed.Train.Users.ToArray());
        Assert.Equal(original.Train.Items.ToArray(), changed.Train.Items.ToArray());
        Assert.Equal(original.Train.Values.ToArray(), changed.Train.Values.ToArray());
        Assert.Equal(original.Train.Timestamps.ToArray(), changed.Train.Timestamps.ToArray());
        Assert.Equal(original.Train.UserKeys.Keys, changed.Train.UserKeys.Keys);
        Assert.Equal(original.Train.ItemKeys.Keys, changed.Train.ItemKeys.Keys);
        Assert.Equal(Propensities(original), Propensities(changed));
    }

    private static double[] Propensities(EvaluationSplit split)
    {
        var train = split.Train;
        var matrix = Core.Sparse.CsrMatrix.FromCoordinates(train.UserKeys.Count, train.ItemKeys.Count, train.Users, train.Items, train.Values);
        return ItemPropensity.FromTrainingMatrix(matrix, 0.5, 0.01).Values.ToArray();
    }

    [Fact]
    public void Open_horizon_tests_everything_after_the_cutoff()
    {
        var split = TemporalSplit.Global(Sample(), 50, null);
        Assert.Equal(5, split.Counts.TestRows);
        Assert.Equal(0, split.Counts.OutsideWindowRows);
    }

    [Fact]
    public void Cutoff_at_quantile_uses_the_nearest_rank()
    {
        var table = Table(Enumerable.Range(1, 10).Select(t => ("u", "i", 1f, (long)t)).ToArray());
        Assert.Equal(8, TemporalSplit.CutoffAtQuantile(table, 0.8));
        Assert.Equal(1, TemporalSplit.CutoffAtQuantile(table, 0.05));
        Assert.Throws<ArgumentOutOfRangeException>(() => TemporalSplit.CutoffAtQuantile(table, 1.0));
    }

    [Fact]
    public void Validation_split_moves_the_cutoff_back_by_one_horizon()
    {
        var split = TemporalSplit.ValidationSplit(Sample(), testCutoffMs: 60, horizonMs: 30);
        Assert.Equal(30, split.Description.CutoffMs);
        Assert.Equal([30L, 40, 50], split.Test.Timestamps.ToArray());
        Assert.Contains("validation", split.Description.Label);
    }

    [Fact]
    public void Rolling_origins_give_one_split_per_cutoff()
    {
        var splits = TemporalSplit.RollingOrigins(Sample(), [30, 50, 70], 20);
        Assert.Equal([30L, 50, 70], splits.Select(s => s.Description.CutoffMs!.Value));
        Assert.Equal([2, 4, 6], splits.Select(s => s.Counts.TrainRows));
    }

    [Fact]
    public void Per_user_last_fraction_holds_out_each_users_latest_events()
    {
        var rows = Enumerable.Range(0, 10).Select(k => ("u", $"i{k}", 5f, (long)(100 - k))).ToList();
        rows.Add(("v", "i0", 5f, 1));
        var split = TemporalSplit.PerUserLastFraction(Table([.. rows]), 0.2);
        // u's latest events are i0 (t = 100) and i1 (t = 99); v keeps its only event in training.
        Assert.Equal([100L, 99], split.Test.Timestamps.ToArray().OrderDescending());
        Assert.Equal(9, split.Counts.TrainRows);
        Assert.Equal(SplitKind.PerUserLastFraction, split.Description.Kind);
        Assert.Contains("per-user", split.Description.Label);
    }

    [Fact]
    public void Per_user_last_n_keeps_at_least_one_training_event_per_user()
    {
        var split = TemporalSplit.PerUserLastN(Sample(), 2);
        // alice 4 events -> 2 held out; bob 2 -> 1; carol 2 -> 1; dave 1 -> 0.
        Assert.Equal(4, split.Counts.TestRows);
        Assert.Equal(0, split.Counts.ColdUserTestRows);
        Assert.Equal(["alice", "bob", "carol", "dave"], split.Train.UserKeys.Keys.Order());
    }

    [Fact]
    public void A_cutoff_before_all_data_is_a_data_error()
    {
        var error = Assert.Throws<DataException>(() => TemporalSplit.Global(Sample(), 0, 100));
        Assert.Contains("no training events", error.Message);
        Assert.Throws<DataException>(() => TemporalSplit.Global(Sample(), 500, 100));
    }
}
