using SparkRecs.Postgres.Configuration;

namespace SparkRecs.Postgres.Schema;

/// <summary>
/// The per-run tables of one run and the per-model serving views, with their quoted names and DDL.
/// Each run loads into fresh tables suffixed with its run id (<c>recs_r42</c>), so a load never
/// touches what readers are using; the views are the only objects a publish changes.
/// </summary>
internal sealed class RunTables
{
    public RunTables(string schema, long runId)
    {
        Schema = schema;
        RunId = runId;
        Recommendations = SqlIdentifier.Qualify(schema, $"recs_r{runId}");
        UserFactors = SqlIdentifier.Qualify(schema, $"user_factors_r{runId}");
        ItemFactors = SqlIdentifier.Qualify(schema, $"item_factors_r{runId}");
        SimilarItems = SqlIdentifier.Qualify(schema, $"similar_r{runId}");
        Popular = SqlIdentifier.Qualify(schema, $"popular_r{runId}");
    }

    public string Schema { get; }

    public long RunId { get; }

    public string Recommendations { get; }

    public string UserFactors { get; }

    public string ItemFactors { get; }

    public string SimilarItems { get; }

    public string Popular { get; }

    /// <summary>
    /// <paramref name="qualified"/> (one of this run's quoted names) as plain <c>schema.table</c>, for
    /// clients that take a table name rather than SQL (Spark's JDBC <c>dbtable</c>). The schema is a
    /// validated lower-case identifier and the table names are built here, so the plain form names
    /// the same table.
    /// </summary>
    public static string Unquoted(string qualified) => qualified.Replace("\"", "", StringComparison.Ordinal);

    /// <summary>Columns of the top-N table; key columns use the "C" collation (see <see cref="Loading.BulkLoader"/>).</summary>
    public const string RecommendationsColumns = "user_key text COLLATE \"C\" NOT NULL, rank integer NOT NULL, item_key text NOT NULL, score real NOT NULL";

    /// <summary>Columns of the user factor table: the factors are <c>real[]</c> (float4), one array per user.</summary>
    public const string UserFactorsColumns = "user_key text COLLATE \"C\" NOT NULL, factors real[] NOT NULL";

    /// <summary>Columns of the item factor table.</summary>
    public const string ItemFactorsColumns = "item_key text COLLATE \"C\" NOT NULL, factors real[] NOT NULL";

    /// <summary>Columns of the similar-items table.</summary>
    public const string SimilarItemsColumns = "item_key text COLLATE \"C\" NOT NULL, rank integer NOT NULL, similar_item_key text NOT NULL, score real NOT NULL";

    /// <summary>Columns of the popular fallback table.</summary>
    public const string PopularColumns = "rank integer NOT NULL, item_key text NOT NULL, score real NOT NULL";

    /// <summary>Every table of the run, in load order.</summary>
    public IEnumerable<string> All => [Recommendations, UserFactors, ItemFactors, SimilarItems, Popular];

    /// <summary>Drops whatever exists of the run's tables (partial loads included).</summary>
    public string DropSql => string.Join("\n", All.Select(t => $"DROP TABLE IF EXISTS {t};"));

    /// <summary>
    /// Creates every table of the run empty, without keys, for loads done by someone else (Spark's
    /// executors over JDBC): the same columns as the COPY load, keys added by <see cref="FinishSql"/>.
    /// </summary>
    public string CreateEmptySql => $"""
        CREATE TABLE {Recommendations} ({RecommendationsColumns});
        CREATE TABLE {UserFactors} ({UserFactorsColumns});
        CREATE TABLE {ItemFactors} ({ItemFactorsColumns});
        CREATE TABLE {SimilarItems} ({SimilarItemsColumns});
        CREATE TABLE {Popular} ({PopularColumns});
        """;

    /// <summary>
    /// Points the model's serving views at this run. <c>CREATE OR REPLACE VIEW</c> is
    /// transactional: run inside the publish transaction, readers see the old definition until
    /// commit and the new one after, never anything in between.
    /// </summary>
    public string ReplaceViewsSql(string model)
    {
        string View(string prefix) => SqlIdentifier.Qualify(Schema, prefix + model);
        return $"""
            CREATE OR REPLACE VIEW {View("recommendations_")} AS SELECT user_key, rank, item_key, score FROM {Recommendations};
            CREATE OR REPLACE VIEW {View("user_factors_")} AS SELECT user_key, factors FROM {UserFactors};
            CREATE OR REPLACE VIEW {View("item_factors_")} AS SELECT item_key, factors FROM {ItemFactors};
            CREATE OR REPLACE VIEW {View("similar_items_")} AS SELECT item_key, rank, similar_item_key, score FROM {SimilarItems};
            CREATE OR REPLACE VIEW {View("popular_")} AS SELECT rank, item_key, score FROM {Popular};
            """;
    }

    /// <summary>
    /// Keys, built after the COPY (one sorted index build is far cheaper than maintaining a B-tree
    /// row by row), then statistics so the first serving query is planned as an index scan.
    /// </summary>
    public IEnumerable<string> FinishSql()
    {
        yield return $"ALTER TABLE {Recommendations} ADD PRIMARY KEY (user_key, rank)";
        yield return $"ALTER TABLE {UserFactors} ADD PRIMARY KEY (user_key)";
        yield return $"ALTER TABLE {ItemFactors} ADD PRIMARY KEY (item_key)";
        yield return $"ALTER TABLE {SimilarItems} ADD PRIMARY KEY (item_key, rank)";
        yield return $"ALTER TABLE {Popular} ADD PRIMARY KEY (rank)";
        foreach (string table in All)
        {
            yield return $"ANALYZE {table}";
        }
    }
}
