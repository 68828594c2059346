using SparkRecs.Core.Data;
using SparkRecs.Core.Errors;
using SparkRecs.Pipeline.Engines.Spark;
using SparkRecs.Spark.Connect;
using SparkRecs.Spark.Tests.Fake;

namespace SparkRecs.Spark.Tests.Engine;

/// <summary>The engine's fetched rows are matched to the driver's keys, and any disagreement fails the run.</summary>
public sealed class SparkArrowResultsTests
{
    private static IReadOnlyList<ArrowBatch> Batch(params TestArrowColumn[] columns)
    {
        byte[] stream = TestOnlyArrowWriter.Write(columns);
        return [new ArrowBatch(columns[0].Length, stream)];
    }

    private static KeyIndex Keys(params string[] keys)
    {
        var index = new KeyIndex();
        foreach (string key in keys)
        {
            index.GetOrAdd(key);
        }
        return index;
    }

    [Fact]
    public void Factors_land_on_the_driver_ids_of_their_keys_whatever_order_spark_sends()
    {
        var factors = SparkArrowResults.Factors(
            Batch(TestArrowColumn.Utf8("key", "b", "a"), TestArrowColumn.Float32List("features", [3f, 4f], [1f, 2f])),
            Keys("a", "b"), 2, "user factors");

        Assert.Equal([1f, 2f, 3f, 4f], factors.Data);
    }

    [Fact]
    public void A_key_without_factors_fails_the_run_naming_it()
    {
        var error = Assert.Throws<TrainingException>(() => SparkArrowResults.Factors(
            Batch(TestArrowColumn.Utf8("key", "a"), TestArrowColumn.Float32List("features", [1f, 2f])), Keys("a", "b"), 2, "user factors"));

        Assert.Contains("'b'", error.Message);
    }

    [Fact]
    public void Factors_of_an_unknown_key_or_the_wrong_rank_fail_the_run()
    {
        Assert.Contains("'z'", Assert.Throws<TrainingException>(() => SparkArrowResults.Factors(
            Batch(TestArrowColumn.Utf8("key", "z"), TestArrowColumn.Float32List("features", [1f, 2f])), Keys("a"), 2, "item factors")).Message);
        Assert.Contains("als:rank = 2", Assert.Throws<TrainingException>(() => SparkArrowResults.Factors(
            Batch(TestArrowColumn.Utf8("key", "a"), TestArrowColumn.Float32List("features", [1f, 2f, 3f])), Keys("a"), 2, "item factors")).Message);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void Non_finite_factors_or_scores_from_spark_fail_the_run_as_diverged_training(float bad)
    {
        Assert.Contains("non-finite", Assert.Throws<TrainingException>(() => SparkArrowResults.Factors(
            Batch(TestArrowColumn.Utf8("key", "a"), TestArrowColumn.Float32List("features", [1f, bad])), Keys("a"), 2, "item factors")).Message);
        Assert.Contains("non-finite", Assert.Throws<TrainingException>(() => SparkArrowResults.TopN(
            Batch(
                TestArrowColumn.Utf8("user_key", "u1"),
                TestArrowColumn.Int32("rank", 1),
                TestArrowColumn.Utf8("item_key", "x"),
                TestArrowColumn.Float32("score", bad)),
            Keys("u1"), Keys("x"), 1)).Message);
    }

    [Fact]
    public void Top_n_rows_fill_the_lists_by_rank_and_leave_short_lists_padded()
    {
        var lists = SparkArrowResults.TopN(
            Batch(
                TestArrowColumn.Utf8("user_key", "u2", "u1", "u1"),
                TestArrowColumn.Int32("rank", 1, 2, 1),
                TestArrowColumn.Utf8("item_key", "x", "y", "x"),
                TestArrowColumn.Float32("score", 0.9f, 0.5f, 0.7f)),
            Keys("u1", "u2"), Keys("x", "y"), 3);

        Assert.Equal([0, 1, -1], lists.Items(0).ToArray());
        Assert.Equal([0.7f, 0.5f, 0f], lists.Scores(0).ToArray());
        Assert.Equal([0, -1, -1], lists.Items(1).ToArray());
    }

    [Fact]
    public void A_batch_shorter_than_spark_announced_is_an_incomplete_result()
    {
        byte[] stream = TestOnlyArrowWriter.Write(TestArrowColumn.Int64("read_rows", 5), TestArrowColumn.Int64("valid_rows", 5));

        var error = Assert.Throws<DataException>(() => SparkArrowResults.Scalar([new ArrowBatch(2, stream)], "read_rows", "the row counts"));

        Assert.Contains("incomplete", error.Message);
    }

    [Fact]
    public void Events_keep_their_keys_values_and_times()
    {
        var events = SparkArrowResults.Events(Batch(
            TestArrowColumn.Utf8("user_key", "ü1", "u2"),
            TestArrowColumn.Utf8("item_key", "i1", "i1"),
            TestArrowColumn.Float32("value", 1f, 3f),
            TestArrowColumn.Int64("ts_ms", 10, 20)));

        Assert.Equal(2, events.Count);
        Assert.Equal(["ü1", "u2"], events.UserKeys.Keys);
        Assert.Equal([0, 0], events.Items.ToArray());
        Assert.Equal([1f, 3f], events.Values.ToArray());
        Assert.Equal([10L, 20L], events.Timestamps.ToArray());
    }
}
