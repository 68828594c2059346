using System.Globalization;
using Npgsql;
using SparkRecs.Pipeline.Config;
using SparkRecs.Pipeline.Progress;
using SparkRecs.Pipeline.Scheduling;
using SparkRecs.Pipeline.Tests.Support;
using SparkRecs.Postgres.Embedded;

namespace SparkRecs.Pipeline.Tests.Scheduling;

/// <summary>
/// The real nightly job under a real Quartz scheduler, against the generated sample warehouse (its
/// last day partition is yesterday) and the embedded PostgreSQL, as <c>sparkrecs schedule</c> runs it.
/// </summary>
public sealed class ScheduledNightlyRunTests : EmbeddedPostgresTest
{
    [Fact]
    public async Task Two_firings_publish_the_same_window_identically_and_a_stopped_firing_leaves_the_live_run_served()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        (string, string)[] window =
        [
            ("sample:startDate", today.AddDays(-20).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            ("ingest:window:lookbackDays", "10"),
        ];
        var config = SmallJob.Config(Folder.Path, [.. window, ("schedule:cron", "* * * * * ?"), ("schedule:maxRuns", "2")]);
        using var log = new CapturedLog();
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(3));

        int code;
        await using (var host = new ScheduledRunHost(config, NightlyFiring.Create(ProgressReporter.Silent), log.Factory))
        {
            code = await host.RunUntilStoppedAsync(patience.Token);
            Assert.False(patience.IsCancellationRequested, "two firings did not finish in time");

            Assert.Equal(0, code);
            var outcomes = host.Outcomes;
            Assert.Equal([0, 0], outcomes.Select(o => o.ExitCode));
            var first = outcomes[0].Report!.Result!;
            var second = outcomes[1].Report!.Result!;
            Assert.NotNull(first.PostgresRunId);
            Assert.NotNull(second.PostgresRunId);
            Assert.NotEqual(first.PostgresRunId, second.PostgresRunId);
            Assert.Equal(second.PostgresRunId, await LiveRunAsync());

            // Each firing read the 10 day partitions ending the day before its fire time.
            foreach (var outcome in outcomes)
            {
                var end = outcome.Firing.Config.Ingest.Window.End!.Value;
                Assert.Equal(FiringWindow.LastDay(outcome.Firing.ScheduledFireTime, TimeZoneInfo.Utc, 1), end);
                var job = outcome.Report!.Result!.Job;
                Assert.InRange(job.WindowFromMs, StartMs(end.AddDays(-9)), StartMs(end.AddDays(1)) - 1);
                Assert.InRange(job.WindowToMs, StartMs(end.AddDays(-9)), StartMs(end.AddDays(1)) - 1);
            }

            // The same window twice gives the same recommendations (seeded, deterministic): re-running a night is harmless.
            var a = first.Job.Artifacts;
            var b = second.Job.Artifacts;
            Assert.Equal(a.UserKeys.Count, b.UserKeys.Count);
            for (int u = 0; u < a.UserKeys.Count; u += 97)
            {
                Assert.Equal(a.UserKeys.KeyOf(u), b.UserKeys.KeyOf(u));
                Assert.Equal(a.Recommendations.Items(u).ToArray().Select(i => a.ItemKeys.KeyOf(i)), b.Recommendations.Items(u).ToArray().Select(i => b.ItemKeys.KeyOf(i)));
            }
            long? live = await LiveRunAsync();

            // A third firing stopped mid-run (after ingest, before publishing): exit 130, nothing new is live.
            using var stop = new CancellationTokenSource();
            var onStart = SmallJob.Config(Folder.Path, [.. window, ("schedule:cron", "0 0 2 1 1 ? 2099"), ("schedule:runOnStart", "true")]);
            var progress = new ProgressReporter(new StopWhenIngestEnds(stop), interactive: false);
            await using var stopped = new ScheduledRunHost(onStart, NightlyFiring.Create(progress), log.Factory);
            int stoppedCode = await stopped.RunUntilStoppedAsync(stop.Token).WaitAsync(patience.Token);

            Assert.Equal(130, stoppedCode);
            Assert.Equal(130, Assert.Single(stopped.Outcomes).ExitCode);
            Assert.Equal(live, await LiveRunAsync());
            Assert.Equal(2, await RunCountAsync());
        }
    }

    private static long StartMs(DateOnly day) => new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds();

    private async Task<long?> LiveRunAsync()
    {
        await using var connection = await OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT run_id FROM sparkrecs.live WHERE model = 'default'", connection);
        return await cmd.ExecuteScalarAsync() as long?;
    }

    private async Task<long> RunCountAsync()
    {
        await using var connection = await OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM sparkrecs.runs WHERE model = 'default'", connection);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        string cs = await EmbeddedPostgres.EnsureStartedAsync(Path.Combine(Folder.Path, "state"));
        var connection = new NpgsqlConnection(cs);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>Progress output that requests a stop when the ingest stage reports its end.</summary>
    private sealed class StopWhenIngestEnds(CancellationTokenSource stop) : StringWriter(CultureInfo.InvariantCulture)
    {
        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            if (value is not null && value.Contains("ingest", StringComparison.Ordinal) && value.Contains("done", StringComparison.Ordinal))
            {
                stop.Cancel();
            }
        }
    }
}
