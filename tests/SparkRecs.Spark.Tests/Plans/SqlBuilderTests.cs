using SparkRecs.Spark.Plans;

namespace SparkRecs.Spark.Tests.Plans;

public sealed class SqlBuilderTests
{
    [Theory]
    [InlineData("events; DROP TABLE runs")]
    [InlineData("events`")]
    [InlineData("1events")]
    [InlineData("")]
    [InlineData("a..b")]
    public void A_name_that_is_not_a_plain_identifier_never_reaches_the_sql(string name)
    {
        Assert.ThrowsAny<ArgumentException>(() => DenseIdSql.KeyIndex(name, "user_key"));
        Assert.ThrowsAny<ArgumentException>(() => TopNSql.MaxSeenPerUser(name, AlsColumns.Default));
    }

    [Fact]
    public void Qualified_table_names_are_quoted_part_by_part()
    {
        string sql = DenseIdSql.KeyIndex("warehouse.events", "user_key");

        Assert.Contains("FROM `warehouse`.`events`", sql);
    }

    [Fact]
    public void Column_names_must_be_unqualified()
    {
        Assert.Throws<ArgumentException>(() => DenseIdSql.KeyIndex("events", "e.user_key"));
    }

    [Fact]
    public void The_key_index_numbers_distinct_keys_from_zero_with_dense_rank()
    {
        string sql = DenseIdSql.KeyIndex("events", "user_key");

        Assert.Contains("dense_rank() OVER (ORDER BY k) - 1", sql);
        Assert.Contains("SELECT DISTINCT CAST(`user_key` AS STRING)", sql);
        Assert.Contains("IS NOT NULL", sql);
    }

    [Fact]
    public void The_top_n_keeps_n_per_user_after_removing_seen_items()
    {
        string sql = TopNSql.WithoutSeenItems("raw", "seen", "uids", "iids", 15, AlsColumns.Default);

        Assert.Contains("LEFT ANTI JOIN `seen`", sql);
        Assert.Contains("WHERE ranked.`rank` <= 15", sql);
        // The anti join is inside the ranked subquery, so ranks count unseen items only.
        Assert.True(sql.IndexOf("LEFT ANTI JOIN", StringComparison.Ordinal) < sql.IndexOf(") ranked", StringComparison.Ordinal));
    }

    [Fact]
    public void Custom_columns_are_used_for_the_recommendation_struct_fields()
    {
        string sql = TopNSql.WithoutSeenItems("raw", "seen", "uids", "iids", 5, new AlsColumns("u", "i", "r"));

        Assert.Contains("r.rec.`i` AS `item_id`", sql);
        Assert.Contains("s.`u` = c.`user_id`", sql);
    }

    [Fact]
    public void Temp_view_names_must_be_unqualified()
    {
        Assert.Throws<ArgumentException>(() => SparkCommands.CreateTempView(SparkRelations.Sql("SELECT 1"), "db.view"));
        Assert.True(SparkCommands.CreateTempView(SparkRelations.Sql("SELECT 1"), "v").Command.CreateDataframeView.Replace);
    }
}
