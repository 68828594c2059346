using SparkRecs.Spark.Arrow;

namespace SparkRecs.Spark.Tests.Fake;

/// <summary>The test-only Arrow writer is read back by the production reader, value for value.</summary>
public sealed class TestOnlyArrowWriterTests
{
    [Fact]
    public void Every_column_type_reads_back_with_the_production_reader()
    {
        byte[] stream = TestOnlyArrowWriter.Write(
            TestArrowColumn.Utf8("key", "u1", "", "ünïcödé"),
            TestArrowColumn.Int32("rank", 1, 2, 3),
            TestArrowColumn.Int64("ts_ms", 1L << 40, -5, 0),
            TestArrowColumn.Float32("score", 0.5f, -1.25f, float.MaxValue),
            TestArrowColumn.Float32List("features", [1f, 2f], [], [3f, 4f, 5f]));

        var reader = new ArrowStreamReader(stream);
        var batch = reader.ReadNextBatch()!;

        Assert.Equal(3, batch.Length);
        var keys = batch.GetColumn<StringColumn>("key");
        Assert.Equal(["u1", "", "ünïcödé"], Enumerable.Range(0, 3).Select(keys.GetString));
        Assert.Equal([1, 2, 3], batch.GetColumn<Int32Column>("rank").Values.ToArray());
        Assert.Equal([1L << 40, -5, 0], batch.GetColumn<Int64Column>("ts_ms").Values.ToArray());
        Assert.Equal([0.5f, -1.25f, float.MaxValue], batch.GetColumn<Float32Column>("score").Values.ToArray());
        var features = batch.GetColumn<ListColumn>("features");
        var values = features.ValuesAs<Float32Column>().Values;
        Assert.Equal((0, 2), features.GetValueRange(0));
        Assert.Equal((2, 0), features.GetValueRange(1));
        Assert.Equal((2, 3), features.GetValueRange(2));
        Assert.Equal([1f, 2f, 3f, 4f, 5f], values.ToArray());
        Assert.Null(reader.ReadNextBatch());
        Assert.True(reader.EndMarkerSeen);
    }

    [Fact]
    public void An_empty_result_is_a_schema_and_a_zero_row_batch()
    {
        var reader = new ArrowStreamReader(TestOnlyArrowWriter.Write(TestArrowColumn.Utf8("key"), TestArrowColumn.Int64("n")));

        Assert.Equal(["key", "n"], reader.Schema.Fields.Select(f => f.Name));
        Assert.Equal(0, reader.ReadNextBatch()!.Length);
        Assert.Null(reader.ReadNextBatch());
    }
}
