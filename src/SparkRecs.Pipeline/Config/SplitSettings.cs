using System.Globalization;
using SparkRecs.Core.Errors;

namespace SparkRecs.Pipeline.Config;

/// <summary>
/// The <c>split</c> section: how the evaluation separates past from future. The default is the
/// honest one: a global temporal cutoff at the 80th percentile of event times.
/// </summary>
public sealed class SplitSettings
{
    /// <summary>
    /// <c>global</c> (one cutoff T for everyone: train t &lt; T, test T &lt;= t &lt; T + horizon) or
    /// <c>per-user-last</c> (each user's last <see cref="TestFraction"/> of events by time; lets later
    /// events of other users into training, so reports label it) (<c>split:kind</c>).
    /// </summary>
    public string Kind { get; set; } = "global";

    /// <summary>The cutoff as a quantile of event times when <see cref="Cutoff"/> is not set (<c>split:cutoffQuantile</c>).</summary>
    public double CutoffQuantile { get; set; } = 0.8;

    /// <summary>An explicit cutoff instant (ISO 8601, UTC), overriding the quantile (<c>split:cutoff</c>).</summary>
    public string? Cutoff { get; set; }

    /// <summary>Test window length in days after the cutoff; 0 means until the end of the data (<c>split:horizonDays</c>).</summary>
    public double HorizonDays { get; set; }

    /// <summary>Events of each user held out by <c>per-user-last-n</c> (<c>split:testCount</c>).</summary>
    public int TestCount { get; set; } = 1;

    /// <summary>
    /// Rolling origins: also evaluate ALS and popularity at this many cutoffs, evenly spaced in
    /// time quantile from <see cref="RollingFromQuantile"/> to <see cref="CutoffQuantile"/>, and report
    /// the mean and spread of the primary metric; 0 = off (<c>split:rollingOrigins</c>, global split only).
    /// </summary>
    public int RollingOrigins { get; set; }

    /// <summary>The earliest rolling cutoff, as a quantile of event times (<c>split:rollingFromQuantile</c>).</summary>
    public double RollingFromQuantile { get; set; } = 0.6;

    /// <summary>Share of each user's events held out by <c>per-user-last</c> (<c>split:testFraction</c>).</summary>
    public double TestFraction { get; set; } = 0.2;

    /// <summary>The explicit cutoff in Unix milliseconds, or null.</summary>
    public long? CutoffMs => Cutoff is null ? null : DateTimeOffset.Parse(Cutoff, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUnixTimeMilliseconds();

    /// <summary>The horizon in milliseconds, or null for open-ended.</summary>
    public long? HorizonMs => HorizonDays > 0 ? (long)(HorizonDays * 86_400_000) : null;

    /// <summary>Checks every key; throws a <see cref="ConfigurationException"/> naming the first bad one.</summary>
    public void Validate()
    {
        if (Kind is not ("global" or "per-user-last" or "per-user-last-n"))
        {
            throw new ConfigurationException("split:kind", $"'{Kind}' is not a split; use 'global' (temporal cutoff), 'per-user-last' (last fraction per user) or 'per-user-last-n'.");
        }
        if (TestCount < 1)
        {
            throw new ConfigurationException("split:testCount", $"{TestCount} must be at least 1.");
        }
        if (RollingOrigins is < 0 or > 20)
        {
            throw new ConfigurationException("split:rollingOrigins", $"{RollingOrigins} must be between 0 (off) and 20.");
        }
        if (RollingOrigins > 0 && Kind != "global")
        {
            throw new ConfigurationException("split:rollingOrigins", "rolling origins need the global temporal split (split:kind = global).");
        }
        if (RollingOrigins > 1 && !(RollingFromQuantile > 0 && RollingFromQuantile < CutoffQuantile))
        {
            throw new ConfigurationException("split:rollingFromQuantile", $"{RollingFromQuantile} must be above 0 and below split:cutoffQuantile ({CutoffQuantile}).");
        }
        if (!(CutoffQuantile > 0 && CutoffQuantile < 1))
        {
            throw new ConfigurationException("split:cutoffQuantile", $"{CutoffQuantile} must be strictly between 0 and 1 (0.8 = the 80th percentile of event times).");
        }
        if (Cutoff is not null && !DateTimeOffset.TryParse(Cutoff, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _))
        {
            throw new ConfigurationException("split:cutoff", $"'{Cutoff}' is not an ISO 8601 date or time (e.g. 2026-11-01 or 2026-11-01T00:00:00Z).");
        }
        if (HorizonDays < 0)
        {
            throw new ConfigurationException("split:horizonDays", $"{HorizonDays} is negative; use 0 for 'until the end of the data'.");
        }
        if (!(TestFraction > 0 && TestFraction < 1))
        {
            throw new ConfigurationException("split:testFraction", $"{TestFraction} must be strictly between 0 and 1.");
        }
    }
}
