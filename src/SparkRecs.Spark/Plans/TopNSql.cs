using System.Globalization;

namespace SparkRecs.Spark.Plans;

/// <summary>
/// Spark SQL around MLlib's <c>recommendForAllUsers</c>, which ranks every item including those the
/// user has already seen. The engine asks it for N + (largest number of items one user has seen)
/// items, which always leaves at least N unseen ones, then removes the seen items and keeps N.
/// </summary>
public static class TopNSql
{
    /// <summary>
    /// One row <c>(max_seen int)</c>: the largest number of distinct items any user has in
    /// <paramref name="seen"/>; 0 when it is empty.
    /// </summary>
    public static string MaxSeenPerUser(string seen, AlsColumns columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        string table = SparkSqlNames.Quote(seen, nameof(seen));
        string user = SparkSqlNames.RequireSimple(columns.User, "columns.User");
        string item = SparkSqlNames.RequireSimple(columns.Item, "columns.Item");
        return $"SELECT CAST(COALESCE(MAX(n), 0) AS INT) AS `max_seen` FROM (SELECT {user}, COUNT(DISTINCT {item}) AS n FROM {table} GROUP BY {user}) per_user";
    }

    /// <summary>
    /// The final top-N: <c>(user_key string, rank int, item_key string, score float)</c> with rank
    /// 1..N per user, best first (ties broken by item id so reruns agree), no item of
    /// <paramref name="seen"/>, and ids mapped back to keys through the key index views.
    /// </summary>
    /// <param name="recommendations">View of <c>recommendForAllUsers</c>' output.</param>
    /// <param name="seen">View of the training interactions (integer ids, <paramref name="columns"/> names).</param>
    /// <param name="userIndex">View of the user key index (<see cref="DenseIdSql.KeyIndex"/>).</param>
    /// <param name="itemIndex">View of the item key index.</param>
    /// <param name="count">N, items kept per user.</param>
    /// <param name="columns">Column names used by the model and <paramref name="seen"/>.</param>
    public static string WithoutSeenItems(string recommendations, string seen, string userIndex, string itemIndex, int count, AlsColumns columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        string raw = SparkSqlNames.Quote(recommendations, nameof(recommendations));
        string seenTable = SparkSqlNames.Quote(seen, nameof(seen));
        string users = SparkSqlNames.Quote(userIndex, nameof(userIndex));
        string items = SparkSqlNames.Quote(itemIndex, nameof(itemIndex));
        string user = SparkSqlNames.RequireSimple(columns.User, "columns.User");
        string item = SparkSqlNames.RequireSimple(columns.Item, "columns.Item");
        return string.Create(CultureInfo.InvariantCulture,
            $"SELECT uk.`key` AS `user_key`, ranked.`rank` AS `rank`, ik.`key` AS `item_key`, ranked.`score` AS `score` " +
            $"FROM (" +
            $"SELECT c.`user_id`, c.`item_id`, c.`score`, CAST(row_number() OVER (PARTITION BY c.`user_id` ORDER BY c.`score` DESC, c.`item_id`) AS INT) AS `rank` " +
            $"FROM (SELECT r.{user} AS `user_id`, r.rec.{item} AS `item_id`, r.rec.`rating` AS `score` FROM (SELECT {user}, explode(`recommendations`) AS rec FROM {raw}) r) c " +
            $"LEFT ANTI JOIN {seenTable} s ON s.{user} = c.`user_id` AND s.{item} = c.`item_id`" +
            $") ranked " +
            $"JOIN {users} uk ON uk.`id` = ranked.`user_id` JOIN {items} ik ON ik.`id` = ranked.`item_id` " +
            $"WHERE ranked.`rank` <= {count}");
    }
}
