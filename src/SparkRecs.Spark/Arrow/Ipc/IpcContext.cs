namespace SparkRecs.Spark.Arrow.Ipc;

/// <summary>Where a decoder is (the stream and the message index), to build errors that name it.</summary>
internal readonly record struct IpcContext(string Source, int MessageIndex)
{
    public ArrowFormatException Corrupt(string? fieldPath, string detail) =>
        new(ArrowProblem.Corrupt, Source, MessageIndex, fieldPath, detail);

    public ArrowFormatException Unsupported(string? fieldPath, string detail, string? action = null) =>
        new(ArrowProblem.Unsupported, Source, MessageIndex, fieldPath, detail, action);
}
