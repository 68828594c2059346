using SparkRecs.Spark.Arrow;

namespace SparkRecs.Spark.Tests.Arrow.Support;

/// <summary>Reads a whole stream in one of the two input modes.</summary>
internal static class StreamRead
{
    public static ArrowStreamReader Open(byte[] bytes, Input input, string source = ArrowStreamReader.DefaultSource) => input == Input.Memory
        ? new ArrowStreamReader(bytes.AsMemory(), source)
        : new ArrowStreamReader(new TrickleStream(bytes), source);

    public static (ArrowStreamReader Reader, IReadOnlyList<ArrowRecordBatch> Batches) All(byte[] bytes, Input input)
    {
        ArrowStreamReader reader = Open(bytes, input);
        return (reader, reader.ReadAllBatches());
    }

    public static TheoryData<string, Input> WithInputs(string[] names)
    {
        var data = new TheoryData<string, Input>();
        foreach (string name in names)
        {
            data.Add(name, Input.Memory);
            data.Add(name, Input.Stream);
        }

        return data;
    }
}
