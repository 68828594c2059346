using Quartz;
using SparkRecs.Pipeline.Config;
using SparkRecs.Pipeline.Scheduling;

namespace SparkRecs.Pipeline.Tests.Scheduling;

public class FiringWindowTests
{
    private static readonly TimeZoneInfo Utc = TimeZoneInfo.Utc;
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly TimeZoneInfo Tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

    private static JobConfig Load(params (string Key, string Value)[] overrides)
        => JobConfig.Load(null, overrides.Select(o => new KeyValuePair<string, string>(o.Key, o.Value)), includeEnvironment: false);

    [Fact]
    public void A_two_oclock_firing_reads_up_to_yesterdays_partition()
    {
        var fire = new DateTimeOffset(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);
        Assert.Equal(new DateOnly(2026, 11, 23), FiringWindow.LastDay(fire, Utc, 1));
        Assert.Equal(new DateOnly(2026, 11, 24), FiringWindow.LastDay(fire, Utc, 0));
        Assert.Equal(new DateOnly(2026, 11, 21), FiringWindow.LastDay(fire, Utc, 3));
    }

    [Fact]
    public void A_tokyo_schedule_over_utc_partitions_waits_for_the_utc_day_to_be_complete()
    {
        // 02:00 in Tokyo on the 24th is 17:00 UTC on the 23rd: the UTC day 23 is not over yet.
        var cron = CronExpression.Parse("0 0 2 * * ?").WithTimeZone(Tokyo);
        var fire = cron.GetNextValidTimeAfter(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero))!.Value;
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 17, 0, 0, TimeSpan.Zero), fire.ToUniversalTime());
        Assert.Equal(new DateOnly(2026, 11, 22), FiringWindow.LastDay(fire, Utc, 1));
        Assert.Equal(new DateOnly(2026, 11, 23), FiringWindow.LastDay(fire, Tokyo, 1));
    }

    [Theory]
    [InlineData("Europe/Berlin", "UTC", 2026, 3, 26)]      // spring forward on 29 March: 02:30 does not exist that night
    [InlineData("Europe/Berlin", "UTC", 2026, 10, 22)]     // fall back on 25 October: 02:30 happens twice that night
    [InlineData("Europe/Berlin", "Europe/Berlin", 2026, 3, 26)]
    [InlineData("America/New_York", "America/New_York", 2026, 10, 29)] // fall back on 1 November
    [InlineData("America/New_York", "UTC", 2026, 3, 5)]    // spring forward on 8 March
    public void A_daily_schedule_reads_each_day_exactly_once_across_a_daylight_saving_change(string scheduleZone, string partitionZone, int year, int month, int day)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(scheduleZone);
        var partitions = TimeZoneInfo.FindSystemTimeZoneById(partitionZone);
        var cron = CronExpression.Parse("0 30 2 * * ?").WithTimeZone(zone);
        var after = new DateTimeOffset(year, month, day, 12, 0, 0, TimeSpan.Zero);
        var lastDays = new List<DateOnly>();
        var localDates = new List<DateOnly>();
        for (int i = 0; i < 8; i++)
        {
            var fire = cron.GetNextValidTimeAfter(after)!.Value;
            lastDays.Add(FiringWindow.LastDay(fire, partitions, 1));
            localDates.Add(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(fire, zone).DateTime));
            after = fire;
        }
        // One firing per local day (none skipped on the short night, none doubled on the long one) ...
        for (int i = 1; i < localDates.Count; i++)
        {
            Assert.Equal(localDates[i - 1].AddDays(1), localDates[i]);
        }
        // ... and consecutive firings read consecutive last days: no partition skipped or read twice.
        for (int i = 1; i < lastDays.Count; i++)
        {
            Assert.Equal(lastDays[i - 1].AddDays(1), lastDays[i]);
        }
    }

    [Fact]
    public void On_the_spring_forward_night_the_firing_moves_to_the_first_valid_instant_and_still_reads_yesterday()
    {
        var cron = CronExpression.Parse("0 30 2 * * ?").WithTimeZone(Berlin);
        var fire = cron.GetNextValidTimeAfter(new DateTimeOffset(2026, 3, 28, 12, 0, 0, TimeSpan.Zero))!.Value;
        var local = TimeZoneInfo.ConvertTime(fire, Berlin);
        Assert.Equal(new DateOnly(2026, 3, 29), DateOnly.FromDateTime(local.DateTime));
        Assert.Equal(new DateOnly(2026, 3, 28), FiringWindow.LastDay(fire, Utc, 1));
        Assert.Equal(new DateOnly(2026, 3, 28), FiringWindow.LastDay(fire, Berlin, 1));
    }

    [Fact]
    public void Partitions_cut_in_a_local_zone_use_that_zones_date_not_the_utc_date()
    {
        // 23:30 UTC on 28 March is 00:30 on the 29th in Berlin (and 19:30 on the 28th in New York).
        var fire = new DateTimeOffset(2026, 3, 28, 23, 30, 0, TimeSpan.Zero);
        Assert.Equal(new DateOnly(2026, 3, 27), FiringWindow.LastDay(fire, Utc, 1));
        Assert.Equal(new DateOnly(2026, 3, 28), FiringWindow.LastDay(fire, Berlin, 1));
        Assert.Equal(new DateOnly(2026, 3, 27), FiringWindow.LastDay(fire, NewYork, 1));
    }

    [Fact]
    public void A_lookback_window_ends_at_the_firings_last_day_and_the_loaded_config_is_left_alone()
    {
        var config = Load(("ingest:window:lookbackDays", "7"), ("schedule:partitionTimeZone", "Europe/Berlin"));
        var fire = new DateTimeOffset(2026, 11, 24, 1, 0, 0, TimeSpan.Zero); // 02:00 in Berlin
        var firing = FiringWindow.ForFiring(config, fire);
        Assert.Equal(new DateOnly(2026, 11, 23), firing.Ingest.Window.End);
        Assert.Equal(7, firing.Ingest.Window.LookbackDays);
        Assert.Null(config.Ingest.Window.End);
        Assert.Equal("2026-11-17..2026-11-23 (7 days)", FiringWindow.Describe(firing.Ingest.Window));
        Assert.Same(config.Als, firing.Als);
    }

    [Fact]
    public void The_same_fire_time_always_reads_the_same_days()
    {
        var config = Load(("ingest:window:lookbackDays", "30"));
        var fire = new DateTimeOffset(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);
        var first = FiringWindow.ForFiring(config, fire).Ingest.Window;
        var again = FiringWindow.ForFiring(config, fire).Ingest.Window;
        Assert.Equal(first, again);
    }

    [Fact]
    public void A_window_without_lookback_is_read_as_configured()
    {
        var fixedDays = Load(("ingest:window:from", "2024-01-01"), ("ingest:window:to", "2024-01-31"));
        Assert.Same(fixedDays, FiringWindow.ForFiring(fixedDays, DateTimeOffset.UnixEpoch));
        Assert.Equal("2024-01-01..2024-01-31 (fixed ingest:window)", FiringWindow.Describe(fixedDays.Ingest.Window));
        var everything = Load();
        Assert.Same(everything, FiringWindow.ForFiring(everything, DateTimeOffset.UnixEpoch));
        Assert.Equal("every partition (no ingest:window)", FiringWindow.Describe(everything.Ingest.Window));
    }
}
