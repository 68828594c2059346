using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;
using SparkRecs.Pipeline.Config;

namespace SparkRecs.Pipeline.Scheduling;

/// <summary>
/// The in-process scheduler of <c>sparkrecs schedule</c>: a Quartz.NET scheduler (in-memory store,
/// one worker thread) firing <see cref="NightlyRunJob"/> on <c>schedule:cron</c> in
/// <c>schedule:timeZone</c>, as an <see cref="IHostedService"/>.
/// </summary>
/// <remarks>
/// <para>
/// The store is in memory: a firing missed while the process was down is not replayed (set
/// <c>schedule:runOnStart</c> to run once at start instead). Within a process, a firing that comes
/// due while the previous one runs waits for it (<see cref="DisallowConcurrentExecutionAttribute"/>)
/// and is then handled by <c>schedule:misfire</c>.
/// </para>
/// <para>
/// <see cref="StopAsync"/> cancels the running firing's token (the job stops at its next check,
/// before the atomic switch, so the previous live run stays served) and waits for it to wind down.
/// </para>
/// </remarks>
public sealed class ScheduledRunHost : IHostedService, IAsyncDisposable
{
    private static readonly JobKey JobKey = new("nightly", "sparkrecs");
    private readonly JobConfig _config;
    private readonly ILoggerFactory _loggers;
    private readonly TimeProvider? _time;
    private readonly ScheduleRunState _state;
    private IScheduler? _scheduler;

    /// <summary>Creates a host; nothing runs before <see cref="StartAsync"/>.</summary>
    /// <param name="config">A validated configuration; its <c>schedule</c> section says when to fire.</param>
    /// <param name="work">What each firing runs (in production <see cref="NightlyFiring.Create"/>).</param>
    /// <param name="loggers">Where the start line and the line per firing go (category <c>SparkRecs.Schedule</c>).</param>
    /// <param name="time">The scheduler's clock; the system clock when null.</param>
    public ScheduledRunHost(JobConfig config, FiringWork work, ILoggerFactory loggers, TimeProvider? time = null)
    {
        FiringWindow.CheckSchedulable(config);
        _config = config;
        _loggers = loggers;
        _time = time;
        _state = new ScheduleRunState(config, work, loggers.CreateLogger("SparkRecs.Schedule"));
    }

    /// <summary>The outcomes of the firings that have finished, in order.</summary>
    public IReadOnlyList<FiringOutcome> Outcomes => _state.Outcomes;

    /// <summary>Completes when <c>schedule:maxRuns</c> firings have finished; never when it is 0.</summary>
    public Task MaxRunsReached => _state.MaxRunsReached;

    /// <summary>When the cron trigger fires next (UTC), once started.</summary>
    public DateTimeOffset? NextFireTime { get; private set; }

    /// <summary>Builds and starts the scheduler, logs the next fire time, and fires once now with <c>schedule:runOnStart</c>.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var schedule = _config.Schedule;
        var zone = schedule.ResolveTimeZone();
        var now = (_time ?? TimeProvider.System).GetUtcNow();
        if (schedule.ParseCron().GetNextValidTimeAfter(now) is null)
        {
            throw new Core.Errors.ConfigurationException("schedule:cron", $"'{schedule.Cron}' never fires after {now:yyyy-MM-dd'T'HH:mm:ss'Z'} (a year in the past?); give a schedule that fires again.");
        }
        var builder = QuartzSchedulerBuilder.Create(q =>
        {
            q.ConfigureScheduler(o =>
            {
                // Unique per host, so several hosts (tests) can live in one process.
                o.InstanceName = "sparkrecs-" + Guid.NewGuid().ToString("N")[..12];
                o.ShutdownJobInterruption = ShutdownJobInterruption.Always;
            });
            q.UseDefaultThreadPool(1);
            q.UseInMemoryStore(o => o.MisfireThreshold = TimeSpan.FromSeconds(schedule.MisfireThresholdSeconds));
            if (_time is not null)
            {
                q.UseTimeProvider(_time);
            }
            q.Services.AddSingleton(_state);
            q.Services.AddTransient<NightlyRunJob>();
            q.Services.AddSingleton(_loggers);
            q.Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        });
        _scheduler = await builder.BuildScheduler(cancellationToken);
        var job = JobBuilder.Create<NightlyRunJob>()
            .WithIdentity(JobKey)
            .WithDescription($"SparkRecs nightly run of model '{_config.Run.Model}'")
            .DisallowConcurrentExecution()
            .StoreDurably()
            .Build();
        var trigger = TriggerBuilder.Create(_time ?? TimeProvider.System)
            .WithIdentity("nightly-cron", "sparkrecs")
            .ForJob(JobKey)
            .WithSchedule(CronScheduleBuilder.Create(schedule.ParseCron())
                .InTimeZone(zone)
                .WithMisfireInstruction(schedule.MisfireInstruction))
            .Build();
        var next = await _scheduler.ScheduleJob(job, trigger, cancellationToken: cancellationToken);
        NextFireTime = next;
        await _scheduler.Start(cancellationToken);
        var nextLocal = TimeZoneInfo.ConvertTime(next, zone);
        ScheduleLog.Started(_state.Logger, schedule.Cron, zone.Id, schedule.Misfire, _config.Run.Model,
            nextLocal.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture), next.ToUniversalTime(),
            FiringWindow.Describe(FiringWindow.ForFiring(_config, next).Ingest.Window));
        if (schedule.RunOnStart)
        {
            ScheduleLog.RunningOnStart(_state.Logger);
            await _scheduler.TriggerJob(JobKey, cancellationToken: cancellationToken);
        }
    }

    /// <summary>Stops firing, cancels a running firing, and waits for it to end (bounded by <paramref name="cancellationToken"/>).</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var scheduler = Interlocked.Exchange(ref _scheduler, null);
        if (scheduler is null)
        {
            return;
        }
        await scheduler.Shutdown(waitForJobsToComplete: true, cancellationToken);
        ScheduleLog.Stopped(_state.Logger, _state.Outcomes.Count);
    }

    /// <summary>
    /// Runs until <paramref name="stop"/> is cancelled (SIGTERM, Ctrl-C) or <c>schedule:maxRuns</c>
    /// firings have finished, then stops. Returns the command's exit code: the last firing's when
    /// stopped by <c>maxRuns</c>, 130 when the stop cancelled a running firing, otherwise 0.
    /// </summary>
    public async Task<int> RunUntilStoppedAsync(CancellationToken stop)
    {
        await StartAsync(stop);
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (stop.Register(() => stopped.TrySetResult()))
        {
            await Task.WhenAny(MaxRunsReached, stopped.Task);
        }
        bool byMaxRuns = MaxRunsReached.IsCompleted;
        ScheduleLog.Stopping(_state.Logger, byMaxRuns
            ? string.Create(CultureInfo.InvariantCulture, $"schedule:maxRuns = {_config.Schedule.MaxRuns} reached")
            : "stop requested");
        int before = _state.Outcomes.Count;
        await StopAsync(CancellationToken.None);
        var outcomes = _state.Outcomes;
        if (byMaxRuns)
        {
            return outcomes[_config.Schedule.MaxRuns - 1].ExitCode;
        }
        return outcomes.Skip(before).Any(o => o.ExitCode == 130) ? 130 : 0;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
    }
}
