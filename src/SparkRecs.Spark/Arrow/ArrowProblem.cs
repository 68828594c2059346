namespace SparkRecs.Spark.Arrow;

/// <summary>Why an Arrow IPC stream (or a column of it) was refused.</summary>
public enum ArrowProblem
{
    /// <summary>
    /// The bytes contradict the format: truncated message or body, a length or buffer out of range,
    /// misaligned buffers, decreasing offsets, malformed Flatbuffers metadata.
    /// </summary>
    Corrupt,

    /// <summary>
    /// A valid stream that uses a feature this reader deliberately does not implement: a data type
    /// outside the Spark engine's needs, dictionary encoding, body compression, big-endian data.
    /// </summary>
    Unsupported,

    /// <summary>
    /// The stream is readable but its schema is not what the caller asked for: a column is missing or
    /// has another type (e.g. <c>user</c> arrived as Int64 where the caller expects Int32).
    /// </summary>
    UnexpectedSchema,
}
