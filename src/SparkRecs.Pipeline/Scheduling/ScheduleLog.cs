using Microsoft.Extensions.Logging;

namespace SparkRecs.Pipeline.Scheduling;

/// <summary>The scheduler's log lines, with stable event ids (1xx start/stop, 2xx firings).</summary>
internal static partial class ScheduleLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information,
        Message = "schedule: cron '{Cron}' in {TimeZone}, misfire {Misfire}; model '{Model}'; next firing {NextLocal} ({NextUtc:yyyy-MM-dd'T'HH:mm:ss'Z'}) reads {Window}")]
    public static partial void Started(ILogger logger, string cron, string timeZone, string misfire, string model, string nextLocal, DateTimeOffset nextUtc, string window);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "schedule: running once now (schedule:runOnStart)")]
    public static partial void RunningOnStart(ILogger logger);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "schedule: stopping ({Reason}); a running firing is cancelled and the live run stays served")]
    public static partial void Stopping(ILogger logger, string reason);

    [LoggerMessage(EventId = 103, Level = LogLevel.Information, Message = "schedule: stopped after {Firings} firing(s)")]
    public static partial void Stopped(ILogger logger, int firings);

    [LoggerMessage(EventId = 200, Level = LogLevel.Information,
        Message = "firing {Number}: scheduled {Scheduled:yyyy-MM-dd'T'HH:mm:ss'Z'}, started {Started:yyyy-MM-dd'T'HH:mm:ss'Z'}, reads {Window}")]
    public static partial void FiringStarted(ILogger logger, int number, DateTimeOffset scheduled, DateTimeOffset started, string window);

    [LoggerMessage(EventId = 201, Message = "firing {Number}: exit code {ExitCode}, {Meaning}, after {Seconds:0.0} s: {Detail}")]
    public static partial void FiringFinished(ILogger logger, LogLevel level, int number, int exitCode, string meaning, double seconds, string detail);

    [LoggerMessage(EventId = 202, Level = LogLevel.Information, Message = "firing {Number}: not run, schedule:maxRuns ({MaxRuns}) is reached")]
    public static partial void FiringSkippedPastMaxRuns(ILogger logger, int number, int maxRuns);

    [LoggerMessage(EventId = 203, Level = LogLevel.Information, Message = "next firing {NextUtc:yyyy-MM-dd'T'HH:mm:ss'Z'}")]
    public static partial void NextFiring(ILogger logger, DateTimeOffset nextUtc);
}
