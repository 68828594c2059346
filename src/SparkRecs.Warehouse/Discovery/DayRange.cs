namespace SparkRecs.Warehouse.Discovery;

/// <summary>An inclusive range of calendar days (UTC).</summary>
public readonly record struct DayRange
{
    /// <summary>Creates the range; <paramref name="from"/> must not be after <paramref name="to"/>.</summary>
    public DayRange(DateOnly from, DateOnly to)
    {
        if (from > to)
        {
            throw new ArgumentException($"A day range must not end ({to:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd}).", nameof(to));
        }
        From = from;
        To = to;
    }

    /// <summary>First day, inclusive.</summary>
    public DateOnly From { get; }

    /// <summary>Last day, inclusive.</summary>
    public DateOnly To { get; }

    /// <summary>Number of days in the range.</summary>
    public int DayCount => To.DayNumber - From.DayNumber + 1;

    /// <summary>True when <paramref name="day"/> is inside the range.</summary>
    public bool Contains(DateOnly day) => day >= From && day <= To;

    /// <summary>Unix milliseconds of the range's first instant (From at 00:00 UTC).</summary>
    public long StartUnixMs => UnixMsOf(From);

    /// <summary>Unix milliseconds just past the range (the day after To at 00:00 UTC), exclusive.</summary>
    public long EndUnixMsExclusive => UnixMsOf(To.AddDays(1));

    /// <summary>Every day of the range in order.</summary>
    public IEnumerable<DateOnly> Days()
    {
        for (DateOnly day = From; day <= To; day = day.AddDays(1))
        {
            yield return day;
        }
    }

    /// <summary>Unix milliseconds of midnight UTC at the start of <paramref name="day"/>.</summary>
    public static long UnixMsOf(DateOnly day) => (day.DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber) * 86_400_000L;

    /// <inheritdoc />
    public override string ToString() => $"{From:yyyy-MM-dd}..{To:yyyy-MM-dd}";
}
