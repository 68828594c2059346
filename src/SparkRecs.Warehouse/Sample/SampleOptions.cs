using SparkRecs.Core.Errors;

namespace SparkRecs.Warehouse.Sample;

/// <summary>
/// Shape of a generated demo warehouse (config section <c>sample</c>). See
/// <see cref="SampleWarehouseGenerator"/> for the model behind the numbers.
/// </summary>
public sealed record SampleOptions
{
    /// <summary>Ordinary users (the bot comes on top).</summary>
    public int Users { get; init; } = 10_000;

    /// <summary>Items in the catalogue.</summary>
    public int Items { get; init; } = 2_000;

    /// <summary>Valid events of ordinary users over all days (bot events and malformed rows come on top).</summary>
    public long Events { get; init; } = 1_000_000;

    /// <summary>Number of day partitions.</summary>
    public int Days { get; init; } = 30;

    /// <summary>The first day.</summary>
    public DateOnly StartDate { get; init; } = new(2024, 1, 1);

    /// <summary>Seed: the same seed and options give the same bytes.</summary>
    public long Seed { get; init; } = 42;

    /// <summary>Latent taste topics (items belong to one, users favour a few).</summary>
    public int Topics { get; init; } = 12;

    /// <summary>Exponent s of the Zipf item popularity (weight of rank r is 1/(r+1)^s).</summary>
    public double ZipfExponent { get; init; } = 1.2;

    /// <summary>σ of the lognormal user activity; 1.0 puts the top 0.1% of users near 20× the median.</summary>
    public double ActivitySigma { get; init; } = 1.0;

    /// <summary>Whether purchases carry an explicit 1-5 rating in a fifth column.</summary>
    public bool Ratings { get; init; }

    /// <summary>Timestamp style: <c>iso8601</c> (<c>2024-01-01T08:30:00.123Z</c>) or <c>unix-millis</c>.</summary>
    public string TimestampStyle { get; init; } = "iso8601";

    /// <summary>Malformed rows planted on purpose; null means one per 20,000 events, at least 4 (one of each kind).</summary>
    public int? MalformedRows { get; init; }

    /// <summary>Whether one bot user with an abnormal event count is planted.</summary>
    public bool IncludeBot { get; init; } = true;

    /// <summary>Days written in parallel; null means one per processor.</summary>
    public int? Threads { get; init; }

    /// <summary>The number of malformed rows that will be planted.</summary>
    public int PlannedMalformedRows => MalformedRows ?? (int)Math.Max(4, Events / 20_000);

    /// <summary>Checks every key; throws <see cref="ConfigurationException"/> naming the first bad one as <c>sample:&lt;key&gt;</c>.</summary>
    public void Validate()
    {
        Require(Users >= 1, "users", $"{Users} must be at least 1.");
        Require(Items >= 1, "items", $"{Items} must be at least 1.");
        Require(Events >= 1, "events", $"{Events} must be at least 1.");
        Require(Days >= 1 && Days <= 3660, "days", $"{Days} must be in [1, 3660].");
        Require(Events / Days <= 80_000_000, "events", $"{Events:N0} events over {Days} days is more than 80 million a day, past millisecond timestamps' room for distinct times; add days.");
        Require(Topics >= 1 && Topics <= Items, "topics", $"{Topics} must be in [1, items].");
        Require(ZipfExponent >= 0 && ZipfExponent <= 4, "zipfExponent", $"{ZipfExponent} must be in [0, 4].");
        Require(ActivitySigma >= 0 && ActivitySigma <= 4, "activitySigma", $"{ActivitySigma} must be in [0, 4].");
        Require(TimestampStyle is "iso8601" or "unix-millis", "timestampStyle", $"'{TimestampStyle}' must be iso8601 or unix-millis.");
        Require(MalformedRows is null or >= 0, "malformedRows", $"{MalformedRows} must not be negative.");
        Require(Threads is null or >= 1, "threads", $"{Threads} must be at least 1.");
    }

    private static void Require(bool condition, string key, string message)
    {
        if (!condition)
        {
            throw new ConfigurationException($"sample:{key}", message);
        }
    }
}
