using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Quartz;
using SparkRecs.Core.Errors;

namespace SparkRecs.Pipeline.Scheduling;

/// <summary>
/// The Quartz job of <c>sparkrecs schedule</c>: derives the firing's window from its scheduled time,
/// runs the work, and logs one line with the outcome and what its exit code means.
/// </summary>
/// <remarks>
/// Thin on purpose (resolve the firing, call the work). <see cref="DisallowConcurrentExecutionAttribute"/>:
/// a firing that comes due while the previous one still runs waits for it (and then follows
/// <c>schedule:misfire</c>), so two runs never train or publish at once. The job never throws: every
/// failure is an outcome, so one bad night does not stop the schedule.
/// </remarks>
[DisallowConcurrentExecution]
internal sealed class NightlyRunJob(ScheduleRunState state) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        int number = state.TryBeginFiring();
        if (number == 0)
        {
            ScheduleLog.FiringSkippedPastMaxRuns(state.Logger, state.Started + 1, state.Config.Schedule.MaxRuns);
            return;
        }
        var scheduled = context.ScheduledFireTimeUtc ?? context.FireTimeUtc;
        var clock = Stopwatch.StartNew();
        ScheduledFiring? firing = null;
        int exitCode;
        string detail;
        FiringReport? report = null;
        try
        {
            firing = new ScheduledFiring(number, scheduled, context.FireTimeUtc, FiringWindow.ForFiring(state.Config, scheduled));
            ScheduleLog.FiringStarted(state.Logger, number, scheduled, context.FireTimeUtc, firing.Window);
            report = await state.Work(firing, cancellationToken);
            (exitCode, detail) = (0, report.Summary);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            (exitCode, detail) = (130, "the scheduler is shutting down");
        }
        catch (SparkRecsException e)
        {
            (exitCode, detail) = (e.ExitCode, e.Message);
        }
        catch (AggregateException e) when (e.Flatten().InnerExceptions.Count == 1 && e.Flatten().InnerException is SparkRecsException inner)
        {
            (exitCode, detail) = (inner.ExitCode, inner.Message);
        }
        catch (Exception e)
        {
            (exitCode, detail) = (1, e.ToString());
        }
        firing ??= new ScheduledFiring(number, scheduled, context.FireTimeUtc, state.Config);
        var outcome = new FiringOutcome(firing, exitCode, detail, clock.Elapsed, report);
        var level = exitCode switch
        {
            0 or 130 => LogLevel.Information,
            5 => LogLevel.Warning,
            _ => LogLevel.Error,
        };
        ScheduleLog.FiringFinished(state.Logger, level, number, exitCode, outcome.Meaning, clock.Elapsed.TotalSeconds, detail);
        if (context.NextFireTimeUtc is { } next)
        {
            ScheduleLog.NextFiring(state.Logger, next);
        }
        state.Record(outcome);
    }
}
