namespace SparkRecs.Warehouse.Options;

/// <summary>
/// Drops users whose activity is far beyond any human's (crawlers, load tests, shared accounts):
/// config section <c>ingest:botRule</c>.
/// </summary>
/// <remarks>
/// A user is dropped when its event count (after de-duplication) exceeds
/// <c>max(AbsoluteMax, Multiplier × P)</c>, where <c>P</c> is the <see cref="Percentile"/> of the
/// per-user counts by the "lower" rule: sorted ascending, the value at index
/// <c>floor(p/100 × (n − 1))</c>. That index is below <c>n − 1</c> for any <c>p &lt; 100</c>, so
/// the busiest user never sets its own reference and one bot is caught even among few users; two
/// bots of similar size in a tiny data set can still shield each other. <see cref="AbsoluteMax"/>
/// is a floor that keeps small data sets from losing their keenest real users.
/// </remarks>
public sealed record BotRuleOptions
{
    /// <summary>Whether the rule runs at all.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>A count no user is dropped below, whatever the percentile says.</summary>
    public int AbsoluteMax { get; init; } = 1000;

    /// <summary>How many times the reference percentile a user may reach.</summary>
    public double Multiplier { get; init; } = 10;

    /// <summary>The reference percentile of per-user counts, in [0, 100).</summary>
    public double Percentile { get; init; } = 99.9;
}
