using System.Diagnostics;
using System.Globalization;

namespace SparkRecs.Pipeline.Progress;

/// <summary>
/// Shows what a long job is doing: the stage, rows or iterations done out of the total, elapsed
/// time and an ETA extrapolated from the rate so far.
/// </summary>
/// <remarks>
/// On a terminal the current line is rewritten in place (at most ~8 times a second); when the output
/// is a file or a scheduler's log (Airflow), a full line is written at most every
/// <see cref="LogInterval"/> so logs stay readable. Every stage's end is always written as a line.
/// Thread-safe: worker threads may report concurrently.
/// </remarks>
public sealed class ProgressReporter
{
    private readonly TextWriter _writer;
    private readonly bool _interactive;
    private readonly Stopwatch _run = Stopwatch.StartNew();
    private readonly Lock _gate = new();
    private Stopwatch _stage = Stopwatch.StartNew();
    private string _stageName = "";
    private long _lastWriteMs = -1_000_000;
    private bool _lineOpen;

    /// <summary>Creates a reporter writing to <paramref name="writer"/>; <paramref name="interactive"/> rewrites lines in place.</summary>
    public ProgressReporter(TextWriter writer, bool interactive)
    {
        _writer = writer;
        _interactive = interactive;
    }

    /// <summary>A reporter writing nowhere (library use, tests).</summary>
    public static ProgressReporter Silent { get; } = new(TextWriter.Null, interactive: false);

    /// <summary>How often a non-interactive reporter writes a progress line.</summary>
    public TimeSpan LogInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Time since the reporter was created (the run's elapsed time).</summary>
    public TimeSpan Elapsed => _run.Elapsed;

    /// <summary>Starts a stage: the following updates are timed from now.</summary>
    public void BeginStage(string stage)
    {
        lock (_gate)
        {
            _stageName = stage;
            _stage = Stopwatch.StartNew();
            _lastWriteMs = -1_000_000;
        }
    }

    /// <summary>Reports <paramref name="done"/> of <paramref name="total"/> units (total 0 when unknown).</summary>
    public void Update(long done, long total, string unit, string? detail = null)
    {
        lock (_gate)
        {
            long now = _stage.ElapsedMilliseconds;
            long interval = _interactive ? 120 : (long)LogInterval.TotalMilliseconds;
            if (now - _lastWriteMs < interval)
            {
                return;
            }
            _lastWriteMs = now;
            string line = Format(done, total, unit, detail, _stage.Elapsed);
            if (_interactive)
            {
                _writer.Write("\r" + line.PadRight(110));
                _lineOpen = true;
            }
            else
            {
                _writer.WriteLine(line);
            }
            _writer.Flush();
        }
    }

    /// <summary>Writes a line that stays (a stage result, an iteration's loss).</summary>
    public void Line(string text)
    {
        lock (_gate)
        {
            CloseLine();
            _writer.WriteLine($"[{Clock(_run.Elapsed)}] {_stageName,-10} {text}");
            _writer.Flush();
        }
    }

    /// <summary>Ends the current stage with a summary line.</summary>
    public void EndStage(string summary)
    {
        lock (_gate)
        {
            CloseLine();
            _writer.WriteLine($"[{Clock(_run.Elapsed)}] {_stageName,-10} done in {Duration(_stage.Elapsed)}: {summary}");
            _writer.Flush();
        }
    }

    private void CloseLine()
    {
        if (_lineOpen)
        {
            _writer.Write("\r" + new string(' ', 110) + "\r");
            _lineOpen = false;
        }
    }

    private string Format(long done, long total, string unit, string? detail, TimeSpan elapsed)
    {
        var inv = CultureInfo.InvariantCulture;
        string amount = total > 0
            ? string.Format(inv, "{0:N0}/{1:N0} {2} ({3:P0})", done, total, unit, (double)done / total)
            : string.Format(inv, "{0:N0} {1}", done, unit);
        string eta = "";
        if (total > 0 && done > 0 && done < total)
        {
            double seconds = elapsed.TotalSeconds * (total - done) / done;
            eta = " ETA " + Duration(TimeSpan.FromSeconds(seconds));
        }
        string rate = elapsed.TotalSeconds > 0.5
            ? string.Format(inv, " {0:N0} {1}/s", done / elapsed.TotalSeconds, unit)
            : "";
        string extra = detail is null ? "" : "  " + detail;
        return $"[{Clock(_run.Elapsed)}] {_stageName,-10} {amount}{rate} elapsed {Duration(elapsed)}{eta}{extra}";
    }

    /// <summary>Formats a duration compactly: 850ms, 12.3s, 4m05s, 1h02m.</summary>
    public static string Duration(TimeSpan t) => t.TotalSeconds switch
    {
        < 1 => string.Create(CultureInfo.InvariantCulture, $"{t.TotalMilliseconds:0}ms"),
        < 60 => string.Create(CultureInfo.InvariantCulture, $"{t.TotalSeconds:0.0}s"),
        < 3600 => string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalMinutes}m{t.Seconds:00}s"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours}h{t.Minutes:00}m"),
    };

    private static string Clock(TimeSpan t) => string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalMinutes:00}:{t.Seconds:00}");
}
