namespace SparkRecs.Warehouse.Ingest;

/// <summary>
/// A progress snapshot for a console progress line, reported every 65,536 rows of each file and
/// after each file. Files are read in parallel, so reports come from several threads: the
/// <see cref="IProgress{T}"/> given to the ingest must be thread-safe (<see cref="Progress{T}"/> is).
/// </summary>
/// <param name="File">The file being read.</param>
/// <param name="FileNumber">1-based number of that file.</param>
/// <param name="FileCount">Files to read in total.</param>
/// <param name="Rows">Rows read so far, all files.</param>
/// <param name="Bytes">Stored (compressed) bytes consumed so far, all files.</param>
/// <param name="TotalBytes">Stored bytes of all files to read.</param>
/// <param name="Elapsed">Time since the ingest started.</param>
public readonly record struct IngestProgress(string File, int FileNumber, int FileCount, long Rows, long Bytes, long TotalBytes, TimeSpan Elapsed);
