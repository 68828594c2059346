using System.Globalization;
using SparkRecs.Warehouse.Options;
using SparkRecs.Warehouse.Reading;

namespace SparkRecs.Warehouse.Sample;

/// <summary>
/// Writes a realistic, deterministic demo warehouse: <c>events/dt=YYYY-MM-DD/part-00000.csv.gz</c>
/// with header <c>user_id,item_id,event_type,timestamp[,rating]</c>.
/// </summary>
/// <remarks>
/// <para>
/// The data has the traits real interaction logs have and a recommender must cope with (see
/// <see cref="SampleWorld"/>): latent topics, Zipf item popularity, lognormal user activity, drift
/// of tastes and popularity over the days, a weekly rhythm in volume (±20%), and an event funnel of
/// about 85% views, 10% carts and 5% purchases (fewer purchases off-taste). Purchases can carry a
/// 1-5 rating, higher on-taste.
/// </para>
/// <para>
/// It also carries what real logs carry: <see cref="SampleOptions.PlannedMalformedRows"/> broken rows
/// (a missing user key, a bad timestamp, an unknown event type, a missing field, in turn; far below
/// the default 1% tolerance) and one bot user viewing random items at twice the default bot rule's
/// threshold. Both are listed in the returned <see cref="SampleSummary"/>.
/// </para>
/// <para>
/// Each day is written from its own random stream (seed, day), so days are written in parallel and
/// the same seed and options give the same bytes however many threads run. Rows stream through a
/// 64 KB buffer into gzip; memory does not grow with <see cref="SampleOptions.Events"/>.
/// </para>
/// </remarks>
public static class SampleWarehouseGenerator
{
    /// <summary>The table folder under the warehouse root.</summary>
    public const string TableName = "events";

    /// <summary>The event weights that match the generated event types.</summary>
    public static IReadOnlyDictionary<string, float> EventWeights { get; } = new Dictionary<string, float>
    {
        ["view"] = 1f,
        ["cart"] = 3f,
        ["purchase"] = 5f,
    };

    /// <summary>Writes the warehouse under <paramref name="root"/> (creating it).</summary>
    /// <exception cref="Core.Errors.ConfigurationException">An option is invalid.</exception>
    /// <exception cref="IOException"><c>root/events</c> already holds files; generate into an empty folder.</exception>
    public static SampleSummary Write(SampleOptions options, string root)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        options.Validate();
        string table = Path.Combine(root, TableName);
        if (Directory.Exists(table) && Directory.EnumerateFileSystemEntries(table).Any())
        {
            throw new IOException($"'{table}' is not empty; delete it or generate into another folder, so old partitions do not mix with new ones.");
        }

        SampleWorld world = SampleWorld.Build(options);
        long[] normal = Split(options.Events, DayWeights(options.Days));
        long botTotal = options.IncludeBot ? world.BotEvents() : 0;
        long[] bot = Split(botTotal, Enumerable.Repeat(1.0, options.Days).ToArray());
        int malformedTotal = options.PlannedMalformedRows;
        long[] malformed = Split(malformedTotal, Enumerable.Repeat(1.0, options.Days).ToArray());
        var malformedBefore = new int[options.Days];
        for (int day = 1; day < options.Days; day++)
        {
            malformedBefore[day] = malformedBefore[day - 1] + (int)malformed[day - 1];
        }

        var files = new string[options.Days];
        var bytes = new long[options.Days];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Threads ?? Environment.ProcessorCount };
        Parallel.For(0, options.Days, parallel, day =>
        {
            DateOnly date = options.StartDate.AddDays(day);
            files[day] = Path.Combine(table, $"dt={date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}", "part-00000.csv.gz");
            var writer = new SampleDayWriter(options, world, day, normal[day], bot[day], malformedBefore[day], (int)malformed[day]);
            bytes[day] = writer.Write(files[day]);
        });

        var kinds = new Dictionary<RejectReason, long>();
        for (int k = 0; k < malformedTotal; k++)
        {
            RejectReason kind = SampleDayWriter.MalformedKinds[k % SampleDayWriter.MalformedKinds.Length];
            kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
        }
        return new SampleSummary(files, bytes.Sum(), options.Events + botTotal, options.IncludeBot ? $"u{options.Users}" : null, botTotal, kinds);
    }

    /// <summary>
    /// Ingest options that read a warehouse this generator wrote under <paramref name="root"/>:
    /// CSV, the generated column names, implicit weights view 1, cart 3, purchase 5 (the rating
    /// column is left unmapped), every day, and the default cleaning rules.
    /// </summary>
    public static IngestOptions IngestOptionsFor(string root) => new()
    {
        Format = "csv",
        Path = root,
        Table = TableName,
        Columns = new ColumnMapping { User = "user_id", Item = "item_id", Timestamp = "timestamp", EventType = "event_type" },
        TimestampFormat = "auto",
        EventWeights = new Dictionary<string, float>(EventWeights),
    };

    /// <summary>Relative volume of each day: a weekly rhythm of ±20%.</summary>
    private static double[] DayWeights(int days)
    {
        var weights = new double[days];
        for (int d = 0; d < days; d++)
        {
            weights[d] = 1.0 + 0.2 * Math.Sin(2 * Math.PI * d / 7.0);
        }
        return weights;
    }

    /// <summary>Splits <paramref name="total"/> in proportion to <paramref name="weights"/>, exactly (remainders to the first days).</summary>
    private static long[] Split(long total, double[] weights)
    {
        double sum = weights.Sum();
        var parts = new long[weights.Length];
        long assigned = 0;
        for (int i = 0; i < parts.Length; i++)
        {
            parts[i] = (long)Math.Floor(total * weights[i] / sum);
            assigned += parts[i];
        }
        for (int i = 0; assigned < total; i = (i + 1) % parts.Length)
        {
            parts[i]++;
            assigned++;
        }
        return parts;
    }
}
