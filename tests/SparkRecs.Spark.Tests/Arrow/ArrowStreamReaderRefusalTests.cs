using System.Text.Json;
using SparkRecs.Spark.Arrow;
using SparkRecs.Spark.Tests.Arrow.Support;

namespace SparkRecs.Spark.Tests.Arrow;

/// <summary>Streams with refused features or damage fail with a typed error that names the message, the field and the problem.</summary>
public sealed class ArrowStreamReaderRefusalTests
{
    public static TheoryData<string, Input> RefusedFixtures => StreamRead.WithInputs(ArrowFixtures.Refused);

    [Theory]
    [MemberData(nameof(RefusedFixtures))]
    public void Fixture_is_refused_with_the_problem_message_and_field_it_describes(string name, Input input)
    {
        JsonElement error = ArrowFixtures.Expected(name).GetProperty("error");

        ArrowFormatException ex = Assert.Throws<ArrowFormatException>(() => StreamRead.All(ArrowFixtures.Bytes(name), input));

        Assert.Equal(Enum.Parse<ArrowProblem>(error.GetProperty("problem").GetString()!), ex.Problem);
        Assert.Equal(error.GetProperty("messageIndex").GetInt32(), ex.MessageIndex);
        Assert.Equal(error.GetProperty("fieldPath").GetString(), ex.FieldPath);
        Assert.Contains(error.GetProperty("detailContains").GetString()!, ex.Detail, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(3, ex.ExitCode);
    }

    [Fact]
    public void Compression_refusal_names_the_codec_and_the_spark_setting()
    {
        ArrowFormatException ex = Assert.Throws<ArrowFormatException>(() =>
            new ArrowStreamReader(ArrowFixtures.Bytes("compressed-zstd").AsMemory(), "ExecutePlan response 2").ReadAllBatches());

        Assert.StartsWith("ExecutePlan response 2, message 1 uses an unsupported feature: the record batch body is compressed with ZSTD.", ex.Message);
        Assert.Contains("spark.sql.execution.arrow.compression.codec", ex.Message);
    }

    [Fact]
    public void Unsupported_type_refusal_names_the_field_path_and_type()
    {
        ArrowFormatException ex = Assert.Throws<ArrowFormatException>(() => new ArrowStreamReader(ArrowFixtures.Bytes("unsupported-binary").AsMemory()));

        Assert.StartsWith("Arrow IPC stream, message 0, field 's.blob' uses an unsupported feature: type Binary (type id 4).", ex.Message);
        Assert.Contains("CAST", ex.Message);
    }

    [Fact]
    public void After_an_error_the_reader_keeps_failing_with_the_same_error()
    {
        var reader = new ArrowStreamReader(ArrowFixtures.Bytes("compressed-lz4-frame").AsMemory());

        ArrowFormatException first = Assert.Throws<ArrowFormatException>(() => reader.ReadNextBatch());
        ArrowFormatException again = Assert.Throws<ArrowFormatException>(() => reader.ReadNextBatch());

        Assert.Same(first, again);
        Assert.False(reader.IsCompleted);
    }

    [Fact]
    public void Empty_input_is_refused_as_a_stream_without_schema()
    {
        ArrowFormatException ex = Assert.Throws<ArrowFormatException>(() => new ArrowStreamReader(ReadOnlyMemory<byte>.Empty));

        Assert.Equal(ArrowProblem.Corrupt, ex.Problem);
        Assert.Equal(0, ex.MessageIndex);
        Assert.Contains("no Schema message", ex.Detail);
    }

    [Fact]
    public void Bytes_after_the_end_marker_are_refused()
    {
        byte[] bytes = [.. ArrowFixtures.Bytes("zero-rows"), .. ArrowFixtures.Bytes("zero-rows")];
        var reader = new ArrowStreamReader(bytes.AsMemory());

        ArrowFormatException ex = Assert.Throws<ArrowFormatException>(() => reader.ReadNextBatch());

        Assert.Contains("follows the end-of-stream marker", ex.Detail);
    }

    [Fact]
    public void A_second_schema_message_is_refused()
    {
        // Insert the schema message of the same stream again after the first.
        byte[] bytes = ArrowFixtures.Bytes("factors");
        IpcLayout.Message schema = IpcLayout.Of(bytes).Messages[0];
        byte[] doubled = [.. bytes[..schema.End], .. bytes[schema.Start..schema.End], .. bytes[schema.End..]];

        ArrowFormatException ex = Assert.Throws<ArrowFormatException>(() => new ArrowStreamReader(doubled.AsMemory()).ReadAllBatches());

        Assert.Equal(1, ex.MessageIndex);
        Assert.Contains("second Schema", ex.Detail);
    }

    [Fact]
    public void A_record_batch_before_the_schema_is_refused()
    {
        byte[] bytes = ArrowFixtures.Bytes("factors");
        IpcLayout layout = IpcLayout.Of(bytes);
        byte[] batchFirst = bytes[layout.Messages[1].Start..];

        ArrowFormatException ex = Assert.Throws<ArrowFormatException>(() => new ArrowStreamReader(batchFirst.AsMemory()));

        Assert.Contains("first message is RecordBatch", ex.Detail);
    }
}
