using SparkRecs.Spark.Plans;

namespace SparkRecs.Pipeline.Engines.Spark;

/// <summary>
/// The views of one ALS model in the Spark session (<c>eval</c>: trained before the cutoff;
/// <c>final</c>: trained on the whole window): the (user, item) pairs combined as the local
/// engine's matrix combines them, the two key indexes, the integer training relation, the fetched
/// factors and recommendations.
/// </summary>
/// <param name="Name">The model's name inside view names (a plain identifier).</param>
internal sealed record SparkModelSql(string Name)
{
    /// <summary>One row per (user, item): summed weights (implicit), latest rating (explicit), or 1 (binary).</summary>
    public string Pairs => $"{SparkViews.ModelPrefix}{Name}_pairs";

    /// <summary>The user key index <c>(key, id)</c>.</summary>
    public string Users => $"{SparkViews.ModelPrefix}{Name}_users";

    /// <summary>The item key index <c>(key, id)</c>.</summary>
    public string Items => $"{SparkViews.ModelPrefix}{Name}_items";

    /// <summary>The ALS training relation <c>(user int, item int, rating float)</c>.</summary>
    public string Ids => $"{SparkViews.ModelPrefix}{Name}_ids";

    /// <summary>The fitted model's user factors.</summary>
    public string UserFactors => $"{SparkViews.ModelPrefix}{Name}_user_factors";

    /// <summary>The fitted model's item factors.</summary>
    public string ItemFactors => $"{SparkViews.ModelPrefix}{Name}_item_factors";

    /// <summary>recommendForAllUsers' raw output.</summary>
    public string RawRecommendations => $"{SparkViews.ModelPrefix}{Name}_raw_recommendations";

    /// <summary>The final top-N the executors write: <c>(user_key, rank, item_key, score)</c>.</summary>
    public string ServedTopN => $"{SparkViews.ModelPrefix}{Name}_served_recommendations";

    /// <summary>The user factors the executors write: <c>(user_key, factors array&lt;float&gt;)</c>.</summary>
    public string ServedUserFactors => $"{SparkViews.ModelPrefix}{Name}_served_user_factors";

    /// <summary>The item factors the executors write: <c>(item_key, factors array&lt;float&gt;)</c>.</summary>
    public string ServedItemFactors => $"{SparkViews.ModelPrefix}{Name}_served_item_factors";

    /// <summary>
    /// The statements that create the three views the executors write over JDBC, with the column
    /// names of the run's Postgres tables (Spark's JDBC writer matches columns by name).
    /// </summary>
    public IReadOnlyList<string> CreateServedViews(int topN) =>
    [
        $"CREATE OR REPLACE TEMP VIEW `{ServedTopN}` AS {FetchTopN(topN)}",
        $"CREATE OR REPLACE TEMP VIEW `{ServedUserFactors}` AS {ServedFactors(UserFactors, Users, "user_key")}",
        $"CREATE OR REPLACE TEMP VIEW `{ServedItemFactors}` AS {ServedFactors(ItemFactors, Items, "item_key")}",
    ];

    /// <summary>One row: the rows each served view holds (<c>recommendations, user_factors, item_factors</c>), counted before the write.</summary>
    public string CountServedRows() =>
        $"SELECT (SELECT COUNT(*) FROM `{ServedTopN}`) AS `recommendations`, (SELECT COUNT(*) FROM `{ServedUserFactors}`) AS `user_factors`, " +
        $"(SELECT COUNT(*) FROM `{ServedItemFactors}`) AS `item_factors`";

    /// <summary>The statements that create the training views from <paramref name="events"/>, in order.</summary>
    /// <param name="events">The cleaned events view (<c>user_key, item_key, value, ts_ms</c>).</param>
    /// <param name="explicitRatings">Explicit feedback: the latest rating of a pair wins; else the weights add up.</param>
    /// <param name="binary">Every pair counts 1 (recommend:values binary).</param>
    public IReadOnlyList<string> CreateTrainingViews(string events, bool explicitRatings, bool binary)
    {
        string value = binary ? "CAST(1 AS FLOAT)" : explicitRatings ? "CAST(max_by(value, ts_ms) AS FLOAT)" : "CAST(SUM(value) AS FLOAT)";
        return
        [
            $"CREATE OR REPLACE TEMP VIEW `{Pairs}` AS SELECT user_key, item_key, {value} AS value FROM `{events}` GROUP BY user_key, item_key",
            $"CREATE OR REPLACE TEMP VIEW `{Users}` AS {DenseIdSql.KeyIndex(Pairs, "user_key")}",
            $"CREATE OR REPLACE TEMP VIEW `{Items}` AS {DenseIdSql.KeyIndex(Pairs, "item_key")}",
            $"CREATE OR REPLACE TEMP VIEW `{Ids}` AS {DenseIdSql.Interactions(Pairs, "user_key", "item_key", "value", Users, Items, AlsColumns.Default)}",
        ];
    }

    /// <summary>The user factors by key: <c>(key string, features array&lt;float&gt;)</c>.</summary>
    public string FetchUserFactors() => FetchFactors(UserFactors, Users);

    /// <summary>The item factors by key: <c>(key string, features array&lt;float&gt;)</c>.</summary>
    public string FetchItemFactors() => FetchFactors(ItemFactors, Items);

    /// <summary>The final top-N by key: <c>(user_key, rank, item_key, score)</c>, seen items removed.</summary>
    public string FetchTopN(int count) => TopNSql.WithoutSeenItems(RawRecommendations, Ids, Users, Items, count, AlsColumns.Default);

    /// <summary>The largest number of items one user has in the training relation.</summary>
    public string MaxSeen() => TopNSql.MaxSeenPerUser(Ids, AlsColumns.Default);

    private static string ServedFactors(string factors, string index, string keyColumn) =>
        $"SELECT k.`key` AS `{keyColumn}`, f.`features` AS `factors` FROM `{factors}` f JOIN `{index}` k ON k.`id` = f.`id`";

    private static string FetchFactors(string factors, string index) =>
        $"SELECT k.`key` AS `key`, f.`features` AS `features` FROM `{factors}` f JOIN `{index}` k ON k.`id` = f.`id`";
}
