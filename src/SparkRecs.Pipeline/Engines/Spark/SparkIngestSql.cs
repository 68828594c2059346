using System.Globalization;
using System.Text;
using SparkRecs.Spark.Protocol;
using SparkRecs.Warehouse.Options;
using static SparkRecs.Pipeline.Engines.Spark.SparkSqlText;

namespace SparkRecs.Pipeline.Engines.Spark;

/// <summary>
/// The local ingest's cleaning rules as Spark SQL, over the events table as the cluster reads it:
/// parse and validate (required fields, event weights, rating range), drop exact duplicates, drop
/// bots, then one pass of the minimum-support filter, in the local engine's order.
/// </summary>
/// <remarks>
/// Every file column is read as the data source gives it and converted with <c>try_cast</c>, so a
/// malformed value makes its row invalid (counted against <c>ingest:maxBadFraction</c>) instead of
/// failing the query under Spark's ANSI mode. Column names and event types come from the
/// configuration, validated as plain identifiers or escaped as literals.
/// </remarks>
internal static class SparkIngestSql
{
    /// <summary>Reads the events table through the data source of <c>ingest:format</c> (partition folders become columns).</summary>
    public static Relation Source(IngestOptions ingest, string eventsPath)
    {
        var source = new Read.Types.DataSource { Format = SourceFormat(ingest.Format) };
        source.Paths.Add(eventsPath);
        string format = ingest.Format.Trim().ToLowerInvariant();
        if (format is "csv" or "tsv")
        {
            source.Options["header"] = (ingest.HasHeader ?? true) ? "true" : "false";
            source.Options["sep"] = format == "tsv" ? "\t" : ",";
            source.Options["inferSchema"] = "false";
            if (format == "tsv")
            {
                // The local TSV reader has no quoting; Spark's CSV source quotes with '"' unless told
                // otherwise (an empty string turns quoting off when reading).
                source.Options["quote"] = "";
            }
        }
        return new Relation { Read = new Read { DataSource = source } };
    }

    /// <summary>The Spark data source name of an ingest format.</summary>
    public static string SourceFormat(string format) => format.Trim().ToLowerInvariant() switch
    {
        "csv" or "tsv" => "csv",
        "jsonl" => "json",
        "parquet" => "parquet",
        _ => throw new ArgumentException($"'{format}' is not a format the Spark engine reads.", nameof(format)),
    };

    /// <summary>
    /// <c>CREATE OR REPLACE TEMP VIEW</c> of the window's rows with typed fields
    /// <c>(user_key, item_key, value, ts_ms, event_type, valid)</c>.
    /// </summary>
    public static string Parsed(IngestOptions ingest, (DateOnly From, DateOnly To)? window)
    {
        var c = Config.SparkIngestRules.Columns(ingest);
        string dt = Column(ingest.Partitioning.DateKey);
        // Keys and types are trimmed as the local ingest trims them (Spark's CSV source keeps the
        // spaces around a field), so " i1" and "i1" are one key on both engines.
        string user = $"trim(CAST({Column(c.User!)} AS STRING))";
        string item = $"trim(CAST({Column(c.Item!)} AS STRING))";
        string type = string.IsNullOrEmpty(c.EventType) ? "CAST(NULL AS STRING)" : $"lower(trim(CAST({Column(c.EventType)} AS STRING)))";
        string value = ValueExpression(ingest);
        string time = TimeExpression(ingest);
        var valid = new StringBuilder("user_key IS NOT NULL AND user_key <> '' AND item_key IS NOT NULL AND item_key <> '' AND ts_ms IS NOT NULL AND value IS NOT NULL AND NOT isnan(value) AND abs(value) < CAST('Infinity' AS FLOAT)");
        if (string.IsNullOrEmpty(c.EventType) && !string.IsNullOrEmpty(c.Value))
        {
            if (ingest.Rating.Min is { } min)
            {
                valid.Append(CultureInfo.InvariantCulture, $" AND value >= {Float(min)}");
            }
            if (ingest.Rating.Max is { } max)
            {
                valid.Append(CultureInfo.InvariantCulture, $" AND value <= {Float(max)}");
            }
        }
        string where = window is { } w ? $" WHERE {PartitionDay(dt)} BETWEEN {Date(w.From)} AND {Date(w.To)}" : "";
        return $"CREATE OR REPLACE TEMP VIEW `{SparkViews.Parsed}` AS SELECT *, ({valid}) AS valid FROM (" +
               $"SELECT {user} AS user_key, {item} AS item_key, {value} AS value, {time} AS ts_ms, {type} AS event_type FROM `{SparkViews.Source}`{where}) typed";
    }

    /// <summary>One row <c>(read_rows bigint, valid_rows bigint)</c> over the parsed window.</summary>
    public static string Counts() =>
        $"SELECT CAST(COUNT(*) AS BIGINT) AS read_rows, CAST(COUNT_IF(valid) AS BIGINT) AS valid_rows FROM `{SparkViews.Parsed}`";

    /// <summary>
    /// <c>CREATE OR REPLACE TEMP VIEW</c> of the cleaned events <c>(user_key, item_key, value, ts_ms)</c>:
    /// valid rows, exact duplicates (user, item, time, type) dropped, bots dropped, minimum support.
    /// </summary>
    public static string Events(IngestOptions ingest)
    {
        // Duplicates agree on everything the key names; when their values differ the largest is kept
        // (the local engine keeps the first read, an order Spark does not have).
        string deduped = ingest.Dedupe
            ? $"SELECT user_key, item_key, MAX(value) AS value, ts_ms, event_type FROM `{SparkViews.Parsed}` WHERE valid GROUP BY user_key, item_key, ts_ms, event_type"
            : $"SELECT user_key, item_key, value, ts_ms, event_type FROM `{SparkViews.Parsed}` WHERE valid";
        string humans = ingest.BotRule.Enabled ? WithoutBots(deduped, ingest.BotRule) : deduped;
        string supported = MinimumSupport(humans, ingest.MinUserInteractions, ingest.MinItemInteractions);
        return $"CREATE OR REPLACE TEMP VIEW `{SparkViews.Events}` AS SELECT user_key, item_key, CAST(value AS FLOAT) AS value, CAST(ts_ms AS BIGINT) AS ts_ms FROM ({supported}) cleaned";
    }

    /// <summary><c>CACHE TABLE</c> of the cleaned events view (eager: computed once, here).</summary>
    public static string CacheEvents() => $"CACHE TABLE `{SparkViews.Events}`";

    /// <summary>The cleaned events for the driver, in a stable order: <c>(user_key, item_key, value, ts_ms)</c>.</summary>
    public static string FetchEvents() =>
        $"SELECT user_key, item_key, value, ts_ms FROM `{SparkViews.Events}` ORDER BY ts_ms, user_key, item_key";

    /// <summary>
    /// The bot rule of <see cref="BotRuleOptions"/>: drop users with more than
    /// max(AbsoluteMax, Multiplier x P) events, P the per-user count at index floor(p/100 x (n-1))
    /// of the ascending counts (the "lower" percentile). The ranking window has no partition: one
    /// task sorts one number per user.
    /// </summary>
    private static string WithoutBots(string events, BotRuleOptions rule) =>
        $"SELECT e.* FROM ({events}) e JOIN (" +
        $"SELECT user_key, n FROM (SELECT user_key, COUNT(*) AS n FROM ({events}) b GROUP BY user_key) counted) per_user ON per_user.user_key = e.user_key " +
        $"CROSS JOIN (SELECT greatest(CAST({rule.AbsoluteMax.ToString(CultureInfo.InvariantCulture)} AS DOUBLE), {Double(rule.Multiplier)} * MAX(CASE WHEN idx = floor({Double(rule.Percentile / 100)} * (total - 1)) THEN n END)) AS threshold " +
        $"FROM (SELECT n, row_number() OVER (ORDER BY n) - 1 AS idx, COUNT(*) OVER () AS total FROM (SELECT user_key, COUNT(*) AS n FROM ({events}) c GROUP BY user_key) ranked_users) ranked) limits " +
        $"WHERE per_user.n <= limits.threshold";

    /// <summary>One pass: users and items counted on the same table, rows failing either minimum dropped.</summary>
    private static string MinimumSupport(string events, int minUser, int minItem)
    {
        if (minUser <= 1 && minItem <= 1)
        {
            return events;
        }
        return $"SELECT user_key, item_key, value, ts_ms, event_type FROM (" +
               $"SELECT *, COUNT(*) OVER (PARTITION BY user_key) AS user_events, COUNT(*) OVER (PARTITION BY item_key) AS item_events FROM ({events}) s) counted " +
               $"WHERE user_events >= {minUser.ToString(CultureInfo.InvariantCulture)} AND item_events >= {minItem.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>
    /// The event's value: the event type's weight (times the value field when mapped and not empty),
    /// else the value field (an explicit rating), else 1. An unknown event type gives NULL (invalid).
    /// </summary>
    private static string ValueExpression(IngestOptions ingest)
    {
        var c = Config.SparkIngestRules.Columns(ingest);
        string? raw = string.IsNullOrEmpty(c.Value) ? null : $"trim(CAST({Column(c.Value)} AS STRING))";
        string? field = raw is null ? null : $"try_cast({raw} AS FLOAT)";
        if (!string.IsNullOrEmpty(c.EventType))
        {
            var weight = new StringBuilder($"CASE lower(trim(CAST({Column(c.EventType)} AS STRING)))");
            // Types match case-insensitively, as the local ingest matches them; sorted so the SQL is stable.
            foreach (var (name, w) in ingest.EventWeights!.Select(p => (p.Key.ToLowerInvariant(), p.Value)).OrderBy(p => p.Item1, StringComparer.Ordinal))
            {
                weight.Append(CultureInfo.InvariantCulture, $" WHEN {String(name)} THEN {Float(w)}");
            }
            weight.Append(" END");
            // An empty value field means weight x 1; a value that is there but not a number makes the
            // row invalid (NULL), as the local ingest rejects it.
            return field is null ? weight.ToString() : $"({weight}) * (CASE WHEN {raw} IS NULL OR {raw} = '' THEN {Float(1)} ELSE {field} END)";
        }
        return field ?? Float(1);
    }

    /// <summary>Event time in Unix milliseconds per <c>ingest:timestampFormat</c>; midnight UTC of the partition day when unmapped.</summary>
    private static string TimeExpression(IngestOptions ingest)
    {
        string? column = Config.SparkIngestRules.Columns(ingest).Timestamp;
        if (string.IsNullOrEmpty(column))
        {
            return $"unix_millis(CAST({PartitionDay(Column(ingest.Partitioning.DateKey))} AS TIMESTAMP))";
        }
        string text = $"CAST({Column(column)} AS STRING)";
        return ingest.TimestampFormat.Trim().ToLowerInvariant() switch
        {
            "unix-seconds" => $"CAST(try_cast({text} AS DOUBLE) * 1000 AS BIGINT)",
            "unix-millis" => $"CAST(try_cast({text} AS DOUBLE) AS BIGINT)",
            _ => $"unix_millis(try_to_timestamp({text}))",
        };
    }

    /// <summary>
    /// The partition column as a date, in either layout the local ingest reads: <c>dt=2026-11-23</c>
    /// (Spark infers a date or string) or <c>dt=20261123</c> (Spark infers an integer, which does not
    /// cast to a date).
    /// </summary>
    private static string PartitionDay(string column) =>
        $"coalesce(try_to_date(CAST({column} AS STRING), 'yyyy-MM-dd'), try_to_date(CAST({column} AS STRING), 'yyyyMMdd'))";

    /// <summary>The inclusive day range of <c>ingest:window</c>, or null for every partition.</summary>
    public static (DateOnly From, DateOnly To)? Window(IngestWindow window, DateTimeOffset now)
    {
        if (window.LookbackDays is { } days)
        {
            DateOnly end = window.End ?? DateOnly.FromDateTime(now.UtcDateTime).AddDays(-1);
            return (end.AddDays(1 - days), end);
        }
        if (window.From is null && window.To is null)
        {
            return null;
        }
        return (window.From ?? new DateOnly(1970, 1, 1), window.To ?? new DateOnly(9999, 12, 30));
    }
}
