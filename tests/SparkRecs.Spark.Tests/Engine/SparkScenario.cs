using System.Globalization;
using SparkRecs.Pipeline.Config;
using SparkRecs.Spark.Tests.Fake;

namespace SparkRecs.Spark.Tests.Engine;

/// <summary>
/// A small world the fake cluster answers for: 40 users in two taste groups, 12 items (six per
/// group). Each user sees four of its group's items on 1-4 January and the other two on 9-10
/// January; the evaluation cuts at 8 January. The scripted ALS factors put users and items of a
/// group on one axis, so the model finds each user's two held-out items while popularity cannot.
/// </summary>
public sealed class SparkScenario
{
    public const int Users = 40;
    public const int Items = 12;
    public const int Rank = 2;
    public const int TopN = 3;
    public const int MaxSeen = 6;
    public const long InvalidRows = 2;

    public SparkScenario()
    {
        for (int u = 0; u < Users; u++)
        {
            int group = u % 2;
            for (int j = 0; j < 6; j++)
            {
                int item = (group * 6) + ((u + j) % 6);
                int day = j < 4 ? j + 1 : j + 5;
                long ts = new DateTimeOffset(2026, 1, day, u % 24, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
                Events.Add((UserKey(u), ItemKey(item), 1f, ts));
            }
        }
    }

    /// <summary>The cleaned events the cluster "returns".</summary>
    public List<(string User, string Item, float Value, long Ts)> Events { get; } = [];

    public static string UserKey(int u) => "u" + u.ToString("00", CultureInfo.InvariantCulture);

    public static string ItemKey(int i) => "i" + i.ToString("00", CultureInfo.InvariantCulture);

    /// <summary>The items the scripted top-N gives user <paramref name="u"/>: the other group's first items, best first.</summary>
    public static IReadOnlyList<string> TopNOf(int u) => [.. Enumerable.Range(0, TopN).Select(r => ItemKey(((1 - (u % 2)) * 6) + r))];

    /// <summary>The job configuration of a Spark run against <paramref name="connect"/>, state under <paramref name="folder"/>.</summary>
    public static JobConfig Config(string folder, string connect, string model, params (string Key, string Value)[] extra)
    {
        var settings = new List<KeyValuePair<string, string>>
        {
            new("run:engine", "spark"),
            new("run:model", model),
            new("run:outputDir", Path.Combine(folder, "runs")),
            new("run:stateDir", Path.Combine(folder, "state")),
            new("run:threads", "2"),
            new("run:publish", "always"),
            new("spark:connect", connect),
            new("spark:eventsPath", "s3a://lake/events"),
            new("spark:blocks", "4"),
            new("ingest:format", "csv"),
            new("ingest:timestampFormat", "unix-millis"),
            new("ingest:columns:user", "user_id"),
            new("ingest:columns:item", "item_id"),
            new("ingest:columns:timestamp", "ts"),
            new("ingest:window:from", "2026-01-01"),
            new("ingest:window:to", "2026-01-10"),
            new("split:cutoff", "2026-01-08T00:00:00Z"),
            new("als:rank", Rank.ToString(CultureInfo.InvariantCulture)),
            new("als:iterations", "5"),
            new("recommend:topN", TopN.ToString(CultureInfo.InvariantCulture)),
            new("recommend:similarItems", "2"),
            new("recommend:popular", "4"),
            new("evaluation:bootstrapResamples", "100"),
        };
        settings.AddRange(extra.Select(e => new KeyValuePair<string, string>(e.Key, e.Value)));
        return JobConfig.Load(null, settings, includeEnvironment: false);
    }

    /// <summary>The rows the fake cluster answers a query with, by what the query reads.</summary>
    public byte[]? Answer(string query)
    {
        if (query.Contains("AS `recommendations`", StringComparison.Ordinal))
        {
            return TestOnlyArrowWriter.Write(
                TestArrowColumn.Int64("recommendations", Users * TopN), TestArrowColumn.Int64("user_factors", Users), TestArrowColumn.Int64("item_factors", Items));
        }
        if (query.Contains("read_rows", StringComparison.Ordinal))
        {
            return TestOnlyArrowWriter.Write(TestArrowColumn.Int64("read_rows", Events.Count + InvalidRows), TestArrowColumn.Int64("valid_rows", Events.Count));
        }
        if (query.Contains("FROM `sparkrecs_events` ORDER BY", StringComparison.Ordinal))
        {
            return TestOnlyArrowWriter.Write(
                TestArrowColumn.Utf8("user_key", [.. Events.Select(e => e.User)]),
                TestArrowColumn.Utf8("item_key", [.. Events.Select(e => e.Item)]),
                TestArrowColumn.Float32("value", [.. Events.Select(e => e.Value)]),
                TestArrowColumn.Int64("ts_ms", [.. Events.Select(e => e.Ts)]));
        }
        if (query.Contains("_user_factors`", StringComparison.Ordinal))
        {
            return Factors(Users, u => UserKey(u), u => u % 2);
        }
        if (query.Contains("_item_factors`", StringComparison.Ordinal))
        {
            return Factors(Items, i => ItemKey(i), i => i / 6);
        }
        if (query.Contains("max_seen", StringComparison.Ordinal))
        {
            return TestOnlyArrowWriter.Write(TestArrowColumn.Int32("max_seen", MaxSeen));
        }
        if (query.Contains("_raw_recommendations`", StringComparison.Ordinal))
        {
            var rows = Enumerable.Range(0, Users).SelectMany(u => TopNOf(u).Select((item, r) => (User: UserKey(u), Rank: r + 1, Item: item, Score: 1f - (0.1f * r)))).ToList();
            return TestOnlyArrowWriter.Write(
                TestArrowColumn.Utf8("user_key", [.. rows.Select(r => r.User)]),
                TestArrowColumn.Int32("rank", [.. rows.Select(r => r.Rank)]),
                TestArrowColumn.Utf8("item_key", [.. rows.Select(r => r.Item)]),
                TestArrowColumn.Float32("score", [.. rows.Select(r => r.Score)]));
        }
        return null;
    }

    /// <summary>What the fake executors write into a run table (<c>schema.recs_rN</c>, <c>user_factors_rN</c>, <c>item_factors_rN</c>), in column order.</summary>
    public static IReadOnlyList<object[]> ServedRows(string table)
    {
        string name = table[(table.IndexOf('.', StringComparison.Ordinal) + 1)..];
        if (name.StartsWith("recs_r", StringComparison.Ordinal))
        {
            return [.. Enumerable.Range(0, Users).SelectMany(u => TopNOf(u).Select((item, r) => new object[] { UserKey(u), r + 1, item, 1f - (0.1f * r) }))];
        }
        if (name.StartsWith("user_factors_r", StringComparison.Ordinal))
        {
            return [.. Enumerable.Range(0, Users).Select(u => new object[] { UserKey(u), FactorsOf(u, u % 2) })];
        }
        if (name.StartsWith("item_factors_r", StringComparison.Ordinal))
        {
            return [.. Enumerable.Range(0, Items).Select(i => new object[] { ItemKey(i), FactorsOf(i, i / 6) })];
        }
        throw new InvalidOperationException("the scenario scripts no executor rows for " + table);
    }

    private static float[] FactorsOf(int i, int group) => group == 0 ? [1f + (0.01f * i), 0f] : [0f, 1f + (0.01f * i)];

    private static byte[] Factors(int count, Func<int, string> key, Func<int, int> group) => TestOnlyArrowWriter.Write(
        TestArrowColumn.Utf8("key", [.. Enumerable.Range(0, count).Select(key)]),
        TestArrowColumn.Float32List("features", [.. Enumerable.Range(0, count).Select(i => FactorsOf(i, group(i)))]));
}
