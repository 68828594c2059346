namespace SparkRecs.Spark.Connect;

/// <summary>
/// A chunk of result rows as the server sent it: an Arrow IPC stream (schema message, then record
/// batches) holding <see cref="RowCount"/> rows. Decode <see cref="Data"/> with the project's Arrow
/// stream reader (<c>SparkRecs.Spark.Arrow.ArrowStreamReader</c>).
/// </summary>
/// <param name="RowCount">Rows in <see cref="Data"/>, as the server counted them.</param>
/// <param name="Data">The Arrow IPC stream bytes; they stay valid as long as the batch is referenced.</param>
/// <param name="StartOffset">Row offset of this batch in the whole result, when the server sends it.</param>
public sealed record ArrowBatch(long RowCount, ReadOnlyMemory<byte> Data, long? StartOffset = null);
