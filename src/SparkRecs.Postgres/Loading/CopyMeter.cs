using System.Diagnostics;

namespace SparkRecs.Postgres.Loading;

/// <summary>
/// Counts the rows written to one COPY, reports progress every <see cref="Interval"/> rows and
/// checks for cancellation, so the row loops stay a plain counter increment per row.
/// </summary>
internal sealed class CopyMeter(string table, long interval, IProgress<LoadProgress>? progress, CancellationToken cancellationToken)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _nextReport = interval;

    public string Table { get; } = table;

    public long Interval { get; } = interval;

    public long Rows { get; private set; }

    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Counts one row sent.</summary>
    public void Row()
    {
        if (++Rows == _nextReport)
        {
            _nextReport += Interval;
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report(new LoadProgress(Table, Rows, _clock.Elapsed, Completed: false));
        }
    }

    /// <summary>Reports the table as complete.</summary>
    public void Complete() => progress?.Report(new LoadProgress(Table, Rows, _clock.Elapsed, Completed: true));
}
