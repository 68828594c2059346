using SparkRecs.Core.Errors;
using SparkRecs.Pipeline.Config;
using SparkRecs.Pipeline.Scheduling;
using SparkRecs.Pipeline.Tests.Support;

namespace SparkRecs.Pipeline.Tests.Scheduling;

/// <summary>A real Quartz scheduler firing fast stand-in work on an every-second cron.</summary>
public class ScheduledRunHostTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static JobConfig Config(params (string Key, string Value)[] overrides)
        => JobConfig.Load(null, overrides.Select(o => new KeyValuePair<string, string>(o.Key, o.Value)), includeEnvironment: false);

    private static async Task<int> RunAsync(ScheduledRunHost host)
    {
        using var timeout = new CancellationTokenSource(Patience);
        int code = await host.RunUntilStoppedAsync(timeout.Token);
        Assert.False(timeout.IsCancellationRequested, "the scheduler did not reach schedule:maxRuns in time");
        return code;
    }

    [Fact]
    public async Task An_every_second_cron_fires_twice_one_second_apart_and_stops_at_maxRuns()
    {
        var config = Config(("schedule:cron", "* * * * * ?"), ("schedule:maxRuns", "2"));
        using var log = new CapturedLog();
        await using var host = new ScheduledRunHost(config, (firing, _) => Task.FromResult(new FiringReport($"did {firing.Number}")), log.Factory);

        int code = await RunAsync(host);

        Assert.Equal(0, code);
        var outcomes = host.Outcomes;
        Assert.Equal([1, 2], outcomes.Select(o => o.Firing.Number));
        Assert.All(outcomes, o => Assert.Equal(0, o.ExitCode));
        Assert.Equal(TimeSpan.FromSeconds(1), outcomes[1].Firing.ScheduledFireTime - outcomes[0].Firing.ScheduledFireTime);
        Assert.Contains(log.Lines, l => l.Contains("firing 2: exit code 0, succeeded", StringComparison.Ordinal) && l.Contains("did 2", StringComparison.Ordinal));
        Assert.Contains(log.Lines, l => l.Contains("maxRuns = 2 reached", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Firings_never_overlap_when_a_run_outlasts_the_cron_interval()
    {
        var config = Config(("schedule:cron", "* * * * * ?"), ("schedule:maxRuns", "3"));
        using var log = new CapturedLog();
        int running = 0, mostAtOnce = 0;
        var spans = new List<(DateTimeOffset Start, DateTimeOffset End)>();
        await using var host = new ScheduledRunHost(config, async (firing, ct) =>
        {
            int now = Interlocked.Increment(ref running);
            InterlockedMax(ref mostAtOnce, now);
            var start = DateTimeOffset.UtcNow;
            await Task.Delay(1400, ct);
            Interlocked.Decrement(ref running);
            lock (spans)
            {
                spans.Add((start, DateTimeOffset.UtcNow));
            }
            return new FiringReport("slow");
        }, log.Factory);

        Assert.Equal(0, await RunAsync(host));

        Assert.Equal(1, mostAtOnce);
        Assert.Equal(3, spans.Count);
        for (int i = 1; i < spans.Count; i++)
        {
            Assert.True(spans[i].Start >= spans[i - 1].End, $"firing {i + 1} started before firing {i} ended");
        }
        // A firing that waited past its time still reads the days of its scheduled time, and is late.
        Assert.All(host.Outcomes, o => Assert.True(o.Firing.FireTime >= o.Firing.ScheduledFireTime));
    }

    [Theory]
    [InlineData("fire-once-now")]
    [InlineData("skip")]
    public async Task A_firing_missed_while_a_run_overran_follows_the_misfire_policy(string policy)
    {
        var config = Config(("schedule:cron", "* * * * * ?"), ("schedule:maxRuns", "2"), ("schedule:misfire", policy), ("schedule:misfireThresholdSeconds", "1"));
        using var log = new CapturedLog();
        var ends = new List<DateTimeOffset>();
        await using var host = new ScheduledRunHost(config, async (firing, ct) =>
        {
            if (firing.Number == 1)
            {
                await Task.Delay(3200, ct); // overruns three one-second slots by more than the 1 s threshold
            }
            lock (ends)
            {
                ends.Add(DateTimeOffset.UtcNow);
            }
            return new FiringReport("");
        }, log.Factory);

        Assert.Equal(0, await RunAsync(host));

        var second = host.Outcomes[1].Firing;
        var firstEnd = ends[0];
        var first = host.Outcomes[0].Firing;
        if (policy == "fire-once-now")
        {
            // Runs once when the overrun ends, for a slot that was due during the overrun: its
            // window is that of the scheduled slot, not of the moment it finally ran.
            Assert.InRange(second.ScheduledFireTime, first.ScheduledFireTime.AddSeconds(1), firstEnd);
            Assert.True(second.FireTime - second.ScheduledFireTime > TimeSpan.FromSeconds(1));
        }
        else
        {
            // Waits for the first slot after the overrun and runs on time.
            Assert.True(second.ScheduledFireTime > firstEnd, "skip fired a slot that was due during the overrun");
            Assert.True(second.FireTime - second.ScheduledFireTime < TimeSpan.FromSeconds(1));
        }
        Assert.Equal(0, second.ScheduledFireTime.Millisecond);
    }

    [Fact]
    public async Task Stopping_cancels_the_running_firing_through_its_token_and_waits_for_it()
    {
        var config = Config(("schedule:cron", "* * * * * ?"));
        using var log = new CapturedLog();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bool sawCancellation = false;
        await using var host = new ScheduledRunHost(config, async (_, ct) =>
        {
            started.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
                sawCancellation = true;
                throw;
            }
            return new FiringReport("never");
        }, log.Factory);
        using var stop = new CancellationTokenSource();
        var running = host.RunUntilStoppedAsync(stop.Token);
        await started.Task.WaitAsync(Patience);

        stop.Cancel();
        int code = await running.WaitAsync(Patience);

        Assert.Equal(130, code);
        Assert.True(sawCancellation);
        var outcome = Assert.Single(host.Outcomes);
        Assert.Equal(130, outcome.ExitCode);
        Assert.Contains("live run stays served", outcome.Meaning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_gate_is_a_skipped_publish_and_failures_do_not_stop_the_schedule()
    {
        var config = Config(("schedule:cron", "* * * * * ?"), ("schedule:maxRuns", "4"));
        using var log = new CapturedLog();
        await using var host = new ScheduledRunHost(config, (firing, _) => firing.Number switch
        {
            1 => throw new QualityGateException("ALS does not beat popularity on ndcg@10."),
            2 => throw new DataException("No events in the window."),
            3 => throw new InvalidOperationException("a bug"),
            _ => Task.FromResult(new FiringReport("published")),
        }, log.Factory);

        int code = await RunAsync(host);

        Assert.Equal(0, code); // the last firing's exit code
        Assert.Equal([5, 3, 1, 0], host.Outcomes.Select(o => o.ExitCode));
        Assert.Contains(log.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("firing 1: exit code 5, quality gate refused the candidate: publish skipped", StringComparison.Ordinal));
        Assert.Contains(log.Lines, l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("firing 2: exit code 3, data error", StringComparison.Ordinal));
        Assert.Contains(log.Lines, l => l.Contains("firing 3: exit code 1, unexpected failure", StringComparison.Ordinal) && l.Contains("InvalidOperationException", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_start_line_names_the_next_fire_time_and_the_days_that_firing_reads()
    {
        var config = Config(("schedule:cron", "0 0 2 * * ?"), ("schedule:timeZone", "Europe/Berlin"), ("ingest:window:lookbackDays", "7"));
        using var log = new CapturedLog();
        await using var host = new ScheduledRunHost(config, (_, _) => Task.FromResult(new FiringReport("")), log.Factory);
        var before = DateTimeOffset.UtcNow;

        await host.StartAsync(CancellationToken.None);
        await host.StopAsync(CancellationToken.None);

        var next = host.NextFireTime!.Value;
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var local = TimeZoneInfo.ConvertTime(next, berlin);
        Assert.Equal(new TimeSpan(2, 0, 0), local.TimeOfDay);
        Assert.InRange(next, before, before.AddDays(1).AddHours(1));
        var lastDay = FiringWindow.LastDay(next, TimeZoneInfo.Utc, 1);
        string line = Assert.Single(log.Lines, l => l.Contains("schedule: cron '0 0 2 * * ?' in Europe/Berlin", StringComparison.Ordinal));
        Assert.Contains(local.ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture), line, StringComparison.Ordinal);
        Assert.Contains($"{lastDay.AddDays(-6):yyyy-MM-dd}..{lastDay:yyyy-MM-dd} (7 days)", line, StringComparison.Ordinal);
        Assert.Empty(host.Outcomes);
    }

    [Fact]
    public async Task RunOnStart_fires_at_once_and_reads_the_days_before_the_start()
    {
        var config = Config(("schedule:cron", "0 0 2 1 1 ? 2099"), ("schedule:runOnStart", "true"), ("schedule:maxRuns", "1"), ("ingest:window:lookbackDays", "3"));
        using var log = new CapturedLog();
        await using var host = new ScheduledRunHost(config, (_, _) => Task.FromResult(new FiringReport("ran")), log.Factory);
        var before = DateTimeOffset.UtcNow;

        Assert.Equal(0, await RunAsync(host));

        var firing = Assert.Single(host.Outcomes).Firing;
        Assert.InRange(firing.ScheduledFireTime, before.AddSeconds(-1), DateTimeOffset.UtcNow);
        Assert.Equal(FiringWindow.LastDay(firing.ScheduledFireTime, TimeZoneInfo.Utc, 1), firing.Config.Ingest.Window.End);
        Assert.Contains(log.Lines, l => l.Contains("running once now", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Each_firing_gets_the_window_of_its_own_scheduled_time()
    {
        var config = Config(("schedule:cron", "* * * * * ?"), ("schedule:maxRuns", "2"), ("ingest:window:lookbackDays", "5"), ("schedule:windowLagDays", "0"));
        using var log = new CapturedLog();
        await using var host = new ScheduledRunHost(config, (_, _) => Task.FromResult(new FiringReport("")), log.Factory);

        await RunAsync(host);

        Assert.All(host.Outcomes, o =>
        {
            Assert.Equal(DateOnly.FromDateTime(o.Firing.ScheduledFireTime.UtcDateTime), o.Firing.Config.Ingest.Window.End);
            Assert.Equal(5, o.Firing.Config.Ingest.Window.LookbackDays);
        });
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
