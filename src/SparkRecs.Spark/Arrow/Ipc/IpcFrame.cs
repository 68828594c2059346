namespace SparkRecs.Spark.Arrow.Ipc;

/// <summary>What the framing layer found at the current position of a stream.</summary>
internal enum IpcFrame
{
    /// <summary>A message: its metadata was read, its body follows.</summary>
    Message,

    /// <summary>The end-of-stream marker (a zero metadata length, after the continuation marker or not).</summary>
    EndMarker,

    /// <summary>The data ended cleanly between two messages, without an end-of-stream marker.</summary>
    EndOfData,
}
