using System.Globalization;
using Quartz;
using SparkRecs.Core.Errors;

namespace SparkRecs.Pipeline.Config;

/// <summary>
/// The <c>schedule</c> section: when <c>sparkrecs schedule</c> runs the nightly job and which days
/// each firing reads. Only the <c>schedule</c> command uses it; every other command validates it and
/// ignores it.
/// </summary>
/// <remarks>
/// <para>
/// <b>Two time zones.</b> <see cref="TimeZone"/> is the zone the cron expression is read in (a
/// <c>0 0 2 * * ?</c> schedule fires at 02:00 on the wall clock of that zone, also on daylight-saving
/// days). <see cref="PartitionTimeZone"/> is the zone the warehouse's <c>dt=YYYY-MM-DD</c> partitions
/// are cut in (usually UTC). They differ on purpose: a schedule at 02:00 in Tokyo is 17:00 UTC of the
/// previous day, when that UTC day is not complete yet.
/// </para>
/// <para>
/// <b>The window of a firing.</b> With <c>ingest:window:lookbackDays</c> set, each firing reads the
/// N days ending at (the scheduled fire time's date in <see cref="PartitionTimeZone"/>) minus
/// <see cref="WindowLagDays"/>: yesterday's partition for a 02:00 firing with the default lag of 1.
/// The scheduled time is used, not the moment the job got a thread, so a late or misfired firing
/// still reads the days it was scheduled for, and the same firing always reads the same days.
/// </para>
/// </remarks>
public sealed class ScheduleSettings
{
    /// <summary>Quartz cron expression, seconds first (<c>schedule:cron</c>); the default fires at 02:00 every day.</summary>
    public string Cron { get; set; } = "0 0 2 * * ?";

    /// <summary>IANA time zone the cron expression is read in (<c>schedule:timeZone</c>).</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>IANA time zone the warehouse's day partitions are cut in (<c>schedule:partitionTimeZone</c>).</summary>
    public string PartitionTimeZone { get; set; } = "UTC";

    /// <summary>Days between a firing's date and the last day it reads; 1 = yesterday (<c>schedule:windowLagDays</c>).</summary>
    public int WindowLagDays { get; set; } = 1;

    /// <summary>Also run once as soon as the scheduler starts (<c>schedule:runOnStart</c>), e.g. after a machine was down at 02:00.</summary>
    public bool RunOnStart { get; set; }

    /// <summary>
    /// What to do with a firing that could not start on time (the previous run was still going, or the
    /// process was busy past <see cref="MisfireThresholdSeconds"/>): <c>fire-once-now</c> runs it once
    /// as soon as possible (reading the days it was scheduled for), <c>skip</c> waits for the next
    /// scheduled time (<c>schedule:misfire</c>).
    /// </summary>
    public string Misfire { get; set; } = "fire-once-now";

    /// <summary>How late a firing may start before it counts as misfired (<c>schedule:misfireThresholdSeconds</c>).</summary>
    public int MisfireThresholdSeconds { get; set; } = 60;

    /// <summary>Stop after this many firings; 0 = run until stopped (<c>schedule:maxRuns</c>, for operators and tests).</summary>
    public int MaxRuns { get; set; }

    /// <summary>The parsed cron expression (valid after <see cref="Validate"/>).</summary>
    public CronExpression ParseCron() => CronExpression.Parse(Cron).WithTimeZone(ResolveTimeZone());

    /// <summary>The zone the cron expression is read in.</summary>
    public TimeZoneInfo ResolveTimeZone() => FindZone("schedule:timeZone", TimeZone);

    /// <summary>The zone the warehouse's day partitions are cut in.</summary>
    public TimeZoneInfo ResolvePartitionTimeZone() => FindZone("schedule:partitionTimeZone", PartitionTimeZone);

    /// <summary>The Quartz misfire instruction for <see cref="Misfire"/>.</summary>
    public CronTriggerMisfireInstruction MisfireInstruction => Misfire switch
    {
        "skip" => CronTriggerMisfireInstruction.DoNothing,
        _ => CronTriggerMisfireInstruction.FireAndProceed,
    };

    /// <summary>Checks every key; throws a <see cref="ConfigurationException"/> naming the first bad one.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Cron))
        {
            throw new ConfigurationException("schedule:cron", "is empty; give a Quartz cron expression such as \"0 0 2 * * ?\" (02:00 every day; seconds come first).");
        }
        try
        {
            CronExpression.Parse(Cron);
        }
        catch (FormatException e)
        {
            throw new ConfigurationException("schedule:cron", $"'{Cron}' is not a valid Quartz cron expression: {e.Message}");
        }
        ResolveTimeZone();
        ResolvePartitionTimeZone();
        if (Misfire is not ("fire-once-now" or "skip"))
        {
            throw new ConfigurationException("schedule:misfire", $"'{Misfire}' is not a misfire policy; use fire-once-now or skip.");
        }
        if (WindowLagDays < 0)
        {
            throw new ConfigurationException("schedule:windowLagDays", string.Create(CultureInfo.InvariantCulture, $"{WindowLagDays} is negative; use 1 to read up to yesterday, 0 to include the firing's own (incomplete) day."));
        }
        if (MisfireThresholdSeconds < 1)
        {
            throw new ConfigurationException("schedule:misfireThresholdSeconds", string.Create(CultureInfo.InvariantCulture, $"{MisfireThresholdSeconds} must be at least 1."));
        }
        if (MaxRuns < 0)
        {
            throw new ConfigurationException("schedule:maxRuns", string.Create(CultureInfo.InvariantCulture, $"{MaxRuns} is negative; use 0 to run until stopped."));
        }
    }

    private static TimeZoneInfo FindZone(string key, string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            throw new ConfigurationException(key, $"'{id}' is not a time zone this machine knows; use an IANA name such as UTC, Europe/Berlin or America/New_York.");
        }
    }
}
