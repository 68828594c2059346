using SparkRecs.Spark.Arrow;
using SparkRecs.Spark.Tests.Arrow.Support;

namespace SparkRecs.Spark.Tests.Arrow;

/// <summary>
/// Handmade damage to one precise piece of a valid stream (a buffer descriptor, a field node, an offset):
/// each gives a Corrupt error naming the field and the problem.
/// </summary>
public sealed class ArrowStreamReaderCorruptionTests
{
    // primitives: column i32 uses buffers 0 (validity) and 1 (values) and node 0.
    private const int I32Values = 1;

    [Fact]
    public void Buffer_off_the_8_byte_boundary_is_refused_as_misaligned()
    {
        ArrowFormatException ex = Refuse("primitives", (bytes, batch) =>
            IpcLayout.WriteInt64(bytes, batch.Buffers[I32Values], IpcLayout.ReadInt64(bytes, batch.Buffers[I32Values]) + 4));

        Assert.Equal("i32", ex.FieldPath);
        Assert.Contains("8-byte boundary", ex.Detail);
    }

    [Fact]
    public void Buffer_reaching_past_the_body_is_refused_as_out_of_range()
    {
        ArrowFormatException ex = Refuse("primitives", (bytes, batch) =>
            IpcLayout.WriteInt64(bytes, batch.Buffers[I32Values] + 8, batch.BodyLength));

        Assert.Equal("i32", ex.FieldPath);
        Assert.Contains("outside the message body", ex.Detail);
    }

    [Fact]
    public void Negative_buffer_offset_is_refused_as_out_of_range()
    {
        ArrowFormatException ex = Refuse("primitives", (bytes, batch) => IpcLayout.WriteInt64(bytes, batch.Buffers[I32Values], -8));

        Assert.Contains("outside the message body", ex.Detail);
    }

    [Fact]
    public void Node_longer_than_its_values_buffer_is_refused()
    {
        ArrowFormatException ex = Refuse("primitives", (bytes, batch) => IpcLayout.WriteInt64(bytes, batch.Nodes[0], 1000));

        Assert.Equal("i32", ex.FieldPath);
        Assert.Contains("validity buffer has 8 bytes but 125 are needed", ex.Detail);
    }

    [Fact]
    public void Null_count_above_the_length_is_refused()
    {
        ArrowFormatException ex = Refuse("primitives", (bytes, batch) => IpcLayout.WriteInt64(bytes, batch.Nodes[0] + 8, 11));

        Assert.Contains("null count 11", ex.Detail);
    }

    [Fact]
    public void Column_shorter_than_the_batch_is_refused()
    {
        ArrowFormatException ex = Refuse("primitives", (bytes, batch) => IpcLayout.WriteInt64(bytes, batch.Nodes[0], 9));

        Assert.Contains("9 slots but the batch has 10 rows", ex.Detail);
    }

    [Fact]
    public void List_offset_past_the_child_values_is_refused()
    {
        // factors batch 0: id (node 0, buffers 0-1), features (node 1, buffers 2-3), element (node 2, buffers 4-5).
        ArrowFormatException ex = Refuse("factors", (bytes, batch) =>
        {
            int offsets = batch.BodyStart + (int)IpcLayout.ReadInt64(bytes, batch.Buffers[3]);
            BitConverter.TryWriteBytes(bytes.AsSpan(offsets + 12), 10);
        });

        Assert.Equal("features", ex.FieldPath);
        Assert.Contains("last offset 10 is beyond the 9 child values", ex.Detail);
    }

    [Fact]
    public void Negative_first_offset_is_refused()
    {
        ArrowFormatException ex = Refuse("factors", (bytes, batch) =>
        {
            int offsets = batch.BodyStart + (int)IpcLayout.ReadInt64(bytes, batch.Buffers[3]);
            BitConverter.TryWriteBytes(bytes.AsSpan(offsets), -3);
        });

        Assert.Contains("first offset is negative", ex.Detail);
    }

    [Fact]
    public void Missing_buffer_descriptors_are_refused()
    {
        ArrowFormatException ex = Refuse("factors", (bytes, batch) =>
        {
            int countAt = batch.Buffers[0] - 4;
            BitConverter.TryWriteBytes(bytes.AsSpan(countAt), BitConverter.ToInt32(bytes, countAt) - 1);
        });

        Assert.Equal("features.element", ex.FieldPath);
        Assert.Contains("lists only 5 buffers", ex.Detail);
    }

    [Fact]
    public void Missing_field_nodes_are_refused()
    {
        ArrowFormatException ex = Refuse("primitives", (bytes, batch) =>
        {
            int countAt = batch.Nodes[0] - 4;
            BitConverter.TryWriteBytes(bytes.AsSpan(countAt), BitConverter.ToInt32(bytes, countAt) - 1);
        });

        Assert.Equal("ts_ns", ex.FieldPath);
        Assert.Contains("lists only 10 field nodes", ex.Detail);
    }

    private static ArrowFormatException Refuse(string fixture, Action<byte[], IpcLayout.Message> damage)
    {
        byte[] bytes = ArrowFixtures.Bytes(fixture);
        IpcLayout.Message batch = IpcLayout.Of(bytes).Messages[1];
        damage(bytes, batch);
        ArrowFormatException ex = Assert.Throws<ArrowFormatException>(() => new ArrowStreamReader(bytes.AsMemory(), fixture).ReadAllBatches());
        Assert.Equal(ArrowProblem.Corrupt, ex.Problem);
        Assert.Equal(1, ex.MessageIndex);
        Assert.StartsWith($"{fixture}, message 1", ex.Message);
        return ex;
    }
}
