using System.Globalization;

namespace SparkRecs.Spark.Plans;

/// <summary>
/// Spark SQL that maps string keys to the dense integer ids MLlib's ALS needs (ids must fit in an
/// Int), the cluster-side counterpart of the local engine's <c>KeyIndex</c>.
/// </summary>
/// <remarks>
/// Ids are <c>dense_rank() - 1</c> over the distinct keys ordered by key, so they run 0..n-1 with no
/// gaps and the same key set always gets the same ids. The window has no partition: Spark sorts the
/// distinct keys on one task, which is fine for key sets in the tens of millions (one string per
/// key) and keeps the numbering global.
/// </remarks>
public static class DenseIdSql
{
    /// <summary>
    /// The key index of one column: <c>(key string, id int)</c>, one row per distinct non-null key.
    /// </summary>
    /// <param name="source">The table or view holding the interactions.</param>
    /// <param name="keyColumn">The key column (cast to string).</param>
    public static string KeyIndex(string source, string keyColumn)
    {
        string table = SparkSqlNames.Quote(source, nameof(source));
        string key = SparkSqlNames.RequireSimple(keyColumn, nameof(keyColumn));
        return $"SELECT k AS `key`, CAST(dense_rank() OVER (ORDER BY k) - 1 AS INT) AS `id` FROM (SELECT DISTINCT CAST({key} AS STRING) AS k FROM {table} WHERE {key} IS NOT NULL) distinct_keys";
    }

    /// <summary>
    /// The ALS training relation: the interactions of <paramref name="source"/> with their keys replaced
    /// by the ids of the two key indexes (views made from <see cref="KeyIndex"/>), as
    /// <c>(user int, item int, rating float)</c> under the names of <paramref name="columns"/>.
    /// </summary>
    /// <param name="source">The interactions table or view (already cleaned and deduplicated by ingest).</param>
    /// <param name="userKeyColumn">User key column of <paramref name="source"/>.</param>
    /// <param name="itemKeyColumn">Item key column of <paramref name="source"/>.</param>
    /// <param name="valueColumn">Interaction value column (rating or strength) of <paramref name="source"/>.</param>
    /// <param name="userIndex">View of the user key index.</param>
    /// <param name="itemIndex">View of the item key index.</param>
    /// <param name="columns">Output column names.</param>
    public static string Interactions(string source, string userKeyColumn, string itemKeyColumn, string valueColumn, string userIndex, string itemIndex, AlsColumns columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        string table = SparkSqlNames.Quote(source, nameof(source));
        string userKey = SparkSqlNames.RequireSimple(userKeyColumn, nameof(userKeyColumn));
        string itemKey = SparkSqlNames.RequireSimple(itemKeyColumn, nameof(itemKeyColumn));
        string value = SparkSqlNames.RequireSimple(valueColumn, nameof(valueColumn));
        string users = SparkSqlNames.Quote(userIndex, nameof(userIndex));
        string items = SparkSqlNames.Quote(itemIndex, nameof(itemIndex));
        string user = SparkSqlNames.RequireSimple(columns.User, "columns.User");
        string item = SparkSqlNames.RequireSimple(columns.Item, "columns.Item");
        string rating = SparkSqlNames.RequireSimple(columns.Rating, "columns.Rating");
        return string.Create(CultureInfo.InvariantCulture,
            $"SELECT u.`id` AS {user}, i.`id` AS {item}, CAST(e.{value} AS FLOAT) AS {rating} FROM {table} e JOIN {users} u ON u.`key` = CAST(e.{userKey} AS STRING) JOIN {items} i ON i.`key` = CAST(e.{itemKey} AS STRING)");
    }
}
