using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using SparkRecs.Pipeline.Config;
using SparkRecs.Pipeline.Progress;
using SparkRecs.Pipeline.Scheduling;

namespace SparkRecs.Jobs.Commands.Schedule;

/// <summary>
/// <c>sparkrecs schedule --conf FILE</c>: keeps running and fires the nightly job on
/// <c>schedule:cron</c> (Quartz.NET, in-process). One log line per firing with its exit code and
/// what it means; a failed or refused firing does not stop the schedule. SIGTERM or Ctrl-C stops it
/// gracefully: a running firing is cancelled before it publishes and the live run stays served.
/// </summary>
internal static class ScheduleCommand
{
    public static int Execute(CommandArguments args, CancellationToken ct)
    {
        args.ApplyAliases(new Dictionary<string, string>
        {
            ["cron"] = "schedule:cron",
            ["max-runs"] = "schedule:maxRuns",
            ["run-on-start"] = "schedule:runOnStart",
        }, "conf", "no-publish");
        if (args.Has("no-publish"))
        {
            args.Overrides.Add(new("run:publish", "never"));
        }
        var config = JobConfig.Load(args.Flag("conf"), args.Overrides);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        // SIGTERM (systemd, docker stop, Kubernetes) stops like Ctrl-C instead of killing the process mid-run.
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });
        using var loggers = LoggerFactory.Create(b => b
            .AddFilter("Quartz", LogLevel.Warning)
            .AddFilter("SparkRecs", LogLevel.Information)
            .AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss'Z' ";
                o.ColorBehavior = LoggerColorBehavior.Disabled;
            }));
        var progress = new ProgressReporter(Console.Error, interactive: false);
        var host = new ScheduledRunHost(config, NightlyFiring.Create(progress), loggers);
        return host.RunUntilStoppedAsync(stop.Token).GetAwaiter().GetResult();
    }
}
