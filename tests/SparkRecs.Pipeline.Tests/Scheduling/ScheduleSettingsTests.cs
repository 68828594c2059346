using SparkRecs.Core.Errors;
using SparkRecs.Pipeline.Config;
using SparkRecs.Pipeline.Scheduling;
using SparkRecs.Pipeline.Tests.Support;

namespace SparkRecs.Pipeline.Tests.Scheduling;

public class ScheduleSettingsTests
{
    private static JobConfig Load(params (string Key, string Value)[] overrides)
        => JobConfig.Load(null, overrides.Select(o => new KeyValuePair<string, string>(o.Key, o.Value)), includeEnvironment: false);

    [Fact]
    public void Defaults_fire_at_two_in_the_morning_utc_and_read_up_to_yesterday()
    {
        var schedule = Load().Schedule;
        Assert.Equal("0 0 2 * * ?", schedule.Cron);
        Assert.Equal("UTC", schedule.ResolveTimeZone().Id);
        Assert.Equal(1, schedule.WindowLagDays);
        Assert.Equal(Quartz.CronTriggerMisfireInstruction.FireAndProceed, schedule.MisfireInstruction);
        var next = schedule.ParseCron().GetNextValidTimeAfter(new DateTimeOffset(2026, 11, 23, 13, 0, 0, TimeSpan.Zero));
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 2, 0, 0, TimeSpan.Zero), next);
    }

    [Theory]
    [InlineData("0 0 25 * * ?", "between 0 and 23")]
    [InlineData("0 2 * * *", "seconds first")]
    [InlineData("every night", "not a valid Quartz cron expression")]
    [InlineData(" ", "is empty")]
    public void A_bad_cron_expression_is_a_configuration_error_naming_the_key(string cron, string explanation)
    {
        var error = Assert.Throws<ConfigurationException>(() => Load(("schedule:cron", cron)));
        Assert.Equal("schedule:cron", error.Key);
        Assert.Equal(2, error.ExitCode);
        Assert.Contains(explanation, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("schedule:timeZone", "Mars/Olympus_Mons")]
    [InlineData("schedule:partitionTimeZone", "Somewhere/Else")]
    [InlineData("schedule:misfire", "later")]
    [InlineData("schedule:windowLagDays", "-1")]
    [InlineData("schedule:misfireThresholdSeconds", "0")]
    [InlineData("schedule:maxRuns", "-2")]
    [InlineData("schedule:maxRuns", "many")]
    [InlineData("schedule:runOnStart", "sometimes")]
    public void Invalid_schedule_values_are_refused_naming_the_key(string key, string value)
    {
        var error = Assert.Throws<ConfigurationException>(() => Load((key, value)));
        Assert.Equal(key, error.Key);
    }

    [Fact]
    public void An_unknown_schedule_key_is_refused()
    {
        var error = Assert.Throws<ConfigurationException>(() => Load(("schedule:crn", "0 0 2 * * ?")));
        Assert.Equal("schedule:crn", error.Key);
    }

    [Fact]
    public void Every_schedule_key_binds()
    {
        var schedule = Load(
            ("schedule:cron", "0 30 3 ? * MON-FRI"), ("schedule:timeZone", "Europe/Berlin"), ("schedule:partitionTimeZone", "America/New_York"),
            ("schedule:windowLagDays", "2"), ("schedule:runOnStart", "true"), ("schedule:misfire", "skip"),
            ("schedule:misfireThresholdSeconds", "300"), ("schedule:maxRuns", "3")).Schedule;
        Assert.Equal("Europe/Berlin", schedule.ResolveTimeZone().Id);
        Assert.Equal("America/New_York", schedule.ResolvePartitionTimeZone().Id);
        Assert.Equal(2, schedule.WindowLagDays);
        Assert.True(schedule.RunOnStart);
        Assert.Equal(Quartz.CronTriggerMisfireInstruction.DoNothing, schedule.MisfireInstruction);
        Assert.Equal(300, schedule.MisfireThresholdSeconds);
        Assert.Equal(3, schedule.MaxRuns);
    }

    [Fact]
    public void The_scheduler_refuses_a_pinned_window_end_because_every_night_would_read_the_same_days()
    {
        var config = Load(("ingest:window:lookbackDays", "7"), ("ingest:window:end", "2024-01-30"));
        using var log = new CapturedLog();
        var error = Assert.Throws<ConfigurationException>(() => new ScheduledRunHost(config, (_, _) => Task.FromResult(new FiringReport("")), log.Factory));
        Assert.Equal("ingest:window:end", error.Key);
    }

    [Fact]
    public async Task A_cron_that_never_fires_again_is_refused_at_start_naming_the_key()
    {
        var config = Load(("schedule:cron", "0 0 2 1 1 ? 2020"));
        using var log = new CapturedLog();
        await using var host = new ScheduledRunHost(config, (_, _) => Task.FromResult(new FiringReport("")), log.Factory);
        var error = await Assert.ThrowsAsync<ConfigurationException>(() => host.StartAsync(CancellationToken.None));
        Assert.Equal("schedule:cron", error.Key);
    }
}
