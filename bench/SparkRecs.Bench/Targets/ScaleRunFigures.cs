using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using SparkRecs.Core.Errors;

namespace SparkRecs.Bench.Targets;

/// <summary>
/// The figures of one completed scale run of the whole job: from its run folder's
/// <c>report.json</c> (status, events, stage timings) and from the log of <c>/usr/bin/time -v</c>
/// around it (wall time, peak resident memory, swaps, exit status; the job's own lines give the
/// non-zeros).
/// </summary>
/// <param name="RunId">The run's id (<c>run_id</c>).</param>
/// <param name="Status">The report's <c>status</c>, e.g. <c>succeeded</c>.</param>
/// <param name="Events">Events kept by ingest (<c>data.events</c>).</param>
/// <param name="StageSeconds">Seconds per stage (<c>timings</c>), in report order.</param>
/// <param name="NonZeros">Non-zeros of the training matrix, from the job's train line, if the log has it.</param>
/// <param name="WallSeconds">Elapsed wall-clock seconds, if the log has them.</param>
/// <param name="PeakRssBytes">Maximum resident set size, if the log has it.</param>
/// <param name="Swaps">Swaps, if the log has them.</param>
/// <param name="ExitStatus">The job's exit status, if the log has it.</param>
internal sealed partial record ScaleRunFigures(
    string RunId, string Status, long Events, IReadOnlyList<(string Stage, double Seconds)> StageSeconds,
    long? NonZeros, double? WallSeconds, long? PeakRssBytes, long? Swaps, int? ExitStatus)
{
    /// <summary>Whether the run completed: report status <c>succeeded</c> and, when the log says, exit status 0.</summary>
    public bool Completed => Status == "succeeded" && ExitStatus is null or 0;

    /// <summary>Reads <c>report.json</c> of <paramref name="runFolder"/> and, when given, the log file.</summary>
    /// <exception cref="DataException">The folder has no readable report, or the report lacks a field.</exception>
    public static ScaleRunFigures Read(string runFolder, string? logFile)
    {
        string report = Path.Combine(runFolder, "report.json");
        if (!File.Exists(report))
        {
            throw new DataException($"--scale-run {runFolder}: no report.json; give the folder of one run (RUNS/<model>/r<timestamp>).");
        }
        if (logFile is not null && !File.Exists(logFile))
        {
            throw new DataException($"--scale-log {logFile}: no such file; give the output of '/usr/bin/time -v ./submit.sh run ...'.");
        }
        return Parse(File.ReadAllText(report), logFile is null ? null : File.ReadAllText(logFile), report);
    }

    /// <summary>Parses the report's JSON text and the log's text (null when there is no log).</summary>
    /// <exception cref="DataException">The report is not JSON or lacks <c>run_id</c>, <c>status</c>, <c>data.events</c> or <c>timings</c>.</exception>
    public static ScaleRunFigures Parse(string reportJson, string? log, string source = "report.json")
    {
        string runId, status;
        long events;
        var stages = new List<(string, double)>();
        try
        {
            using var json = JsonDocument.Parse(reportJson);
            var root = json.RootElement;
            runId = root.GetProperty("run_id").GetString() ?? "";
            status = root.GetProperty("status").GetString() ?? "";
            events = root.GetProperty("data").GetProperty("events").GetInt64();
            foreach (var stage in root.GetProperty("timings").EnumerateObject())
            {
                stages.Add((stage.Name, stage.Value.GetDouble()));
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new DataException($"{source}: not a run report with run_id, status, data.events and timings ({e.Message}).");
        }
        if (log is null)
        {
            return new ScaleRunFigures(runId, status, events, stages, null, null, null, null, null);
        }
        long? peakKb = LongAfter(PeakRss(), log);
        return new ScaleRunFigures(
            runId, status, events, stages,
            LongAfter(NonZerosPattern(), log),
            WallClock(log),
            peakKb * 1024,
            LongAfter(SwapsPattern(), log),
            (int?)LongAfter(ExitPattern(), log));
    }

    private static long? LongAfter(Regex pattern, string text)
    {
        var match = pattern.Match(text);
        return match.Success ? long.Parse(match.Groups[1].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture) : null;
    }

    /// <summary><c>Elapsed (wall clock) time (h:mm:ss or m:ss): 4:56.00</c> or <c>1:02:03</c>, in seconds.</summary>
    private static double? WallClock(string log)
    {
        var match = WallPattern().Match(log);
        if (!match.Success)
        {
            return null;
        }
        double seconds = 0;
        foreach (string part in match.Groups[1].Value.Split(':'))
        {
            seconds = (seconds * 60) + double.Parse(part, CultureInfo.InvariantCulture);
        }
        return seconds;
    }

    [GeneratedRegex(@"Maximum resident set size \(kbytes\): (\d+)")]
    private static partial Regex PeakRss();

    [GeneratedRegex(@"^\s*Swaps: (\d+)", RegexOptions.Multiline)]
    private static partial Regex SwapsPattern();

    [GeneratedRegex(@"^\s*Exit status: (\d+)", RegexOptions.Multiline)]
    private static partial Regex ExitPattern();

    [GeneratedRegex(@"Elapsed \(wall clock\) time \([^)]*\): ([\d:.]+)")]
    private static partial Regex WallPattern();

    [GeneratedRegex(@"([\d,]+) non-zeros")]
    private static partial Regex NonZerosPattern();
}
