using System.Globalization;
using SparkRecs.Core.Errors;
using SparkRecs.Pipeline.Config;
using SparkRecs.Warehouse.Options;

namespace SparkRecs.Pipeline.Scheduling;

/// <summary>
/// Maps a firing's scheduled time to the days it reads: the last day is the scheduled instant's
/// date in the partitions' time zone minus <c>schedule:windowLagDays</c>, and a lookback window of N
/// days ends there.
/// </summary>
/// <remarks>
/// The mapping is a pure function of the scheduled time, so a firing re-run (a retry, a misfire fired
/// late) reads exactly the days of the original firing (a <c>schedule:runOnStart</c> firing is
/// scheduled at the start time, so it reads the start time's window, not a missed slot's),
/// and a daily cron maps consecutive days to consecutive windows also across daylight-saving changes
/// of either zone (the instant is converted, never the wall clock). A window without
/// <c>lookbackDays</c> (fixed <c>from</c>/<c>to</c>, or every partition) is read as configured.
/// </remarks>
public static class FiringWindow
{
    /// <summary>The last partition day a firing scheduled at <paramref name="scheduledFireTime"/> reads.</summary>
    public static DateOnly LastDay(DateTimeOffset scheduledFireTime, TimeZoneInfo partitionZone, int lagDays)
    {
        var local = TimeZoneInfo.ConvertTime(scheduledFireTime, partitionZone);
        return DateOnly.FromDateTime(local.DateTime).AddDays(-lagDays);
    }

    /// <summary>
    /// Refuses configurations the scheduler cannot run every night: an explicit
    /// <c>ingest:window:end</c> would pin every firing to the same days.
    /// </summary>
    public static void CheckSchedulable(JobConfig config)
    {
        if (config.Ingest.Window?.End is { } end)
        {
            throw new ConfigurationException("ingest:window:end", string.Create(CultureInfo.InvariantCulture,
                $"is {end:yyyy-MM-dd}, but the scheduler sets it from each firing's time (schedule:windowLagDays); remove it, or use window:from/window:to to read fixed days every night."));
        }
    }

    /// <summary>The configuration one firing runs with: the lookback window ending at <see cref="LastDay"/>, or the configured window.</summary>
    public static JobConfig ForFiring(JobConfig config, DateTimeOffset scheduledFireTime)
    {
        var window = config.Ingest.Window ?? new IngestWindow();
        if (window.LookbackDays is null)
        {
            return config;
        }
        var schedule = config.Schedule;
        DateOnly last = LastDay(scheduledFireTime, schedule.ResolvePartitionTimeZone(), schedule.WindowLagDays);
        return config.WithIngest(config.Ingest with { Window = window with { End = last } });
    }

    /// <summary>The days a configuration reads, for log lines (<c>2026-10-25..2026-11-23 (30 days)</c>).</summary>
    public static string Describe(IngestWindow? window)
    {
        if (window is null || window.IsUnbounded)
        {
            return "every partition (no ingest:window)";
        }
        if (window.LookbackDays is { } days && window.End is { } end)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{end.AddDays(1 - days):yyyy-MM-dd}..{end:yyyy-MM-dd} ({days} days)");
        }
        string from = window.From is { } f ? f.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "the first partition";
        string to = window.To is { } t ? t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "the last partition";
        return $"{from}..{to} (fixed ingest:window)";
    }
}
