namespace SparkRecs.Spark.Arrow.Ipc;

/// <summary>
/// Malformed Flatbuffers metadata (an offset out of the buffer, a vtable overrunning it). Internal: the
/// stream reader turns it into an <see cref="ArrowFormatException"/> naming the message and field.
/// </summary>
internal sealed class FlatBufferFormatException(string detail, string? fieldPath = null) : Exception(detail)
{
    /// <summary>The schema field being decoded when the metadata broke, once a decoder has added it.</summary>
    public string? FieldPath { get; } = fieldPath;
}
