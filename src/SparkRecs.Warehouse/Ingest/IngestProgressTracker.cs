using System.Diagnostics;
using SparkRecs.Warehouse.Validation;

namespace SparkRecs.Warehouse.Ingest;

/// <summary>
/// Sums the progress of files read in parallel into one <see cref="IngestProgress"/> stream.
/// Readers call it every 65,536 rows, so the lock is never contended in practice.
/// </summary>
internal sealed class IngestProgressTracker(IProgress<IngestProgress>? progress, int fileCount, long totalBytes, Stopwatch clock)
{
    private readonly Lock _lock = new();
    private readonly long[] _rows = new long[fileCount];
    private readonly long[] _bytes = new long[fileCount];
    private long _rowsTotal;
    private long _bytesTotal;

    /// <summary>Records the position of file <paramref name="index"/> and reports the totals.</summary>
    public void Update(int index, EventTableBuilder file) => Set(index, file.File.Path, file.RowsRead, file.BytesRead);

    /// <summary>Records that file <paramref name="index"/> is done (all its bytes read) and reports the totals.</summary>
    public void Completed(int index, EventTableBuilder file) => Set(index, file.File.Path, file.RowsRead, file.File.Length);

    private void Set(int index, string path, long rows, long bytes)
    {
        if (progress is null)
        {
            return;
        }
        IngestProgress snapshot;
        lock (_lock)
        {
            _rowsTotal += rows - _rows[index];
            _bytesTotal += bytes - _bytes[index];
            _rows[index] = rows;
            _bytes[index] = bytes;
            snapshot = new IngestProgress(path, index + 1, _rows.Length, _rowsTotal, _bytesTotal, totalBytes, clock.Elapsed);
        }
        progress.Report(snapshot);
    }
}
