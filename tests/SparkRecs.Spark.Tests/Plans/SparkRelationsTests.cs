using SparkRecs.Spark.Plans;
using SparkRecs.Spark.Protocol;

namespace SparkRecs.Spark.Tests.Plans;

public sealed class SparkRelationsTests
{
    [Fact]
    public void A_named_table_keeps_its_qualified_name_unquoted_for_spark_to_parse()
    {
        Relation table = SparkRelations.Table("warehouse.events");

        Assert.Equal("warehouse.events", table.Read.NamedTable.UnparsedIdentifier);
        Assert.Throws<ArgumentException>(() => SparkRelations.Table("events where 1=1"));
    }

    [Fact]
    public void A_limit_wraps_its_input()
    {
        Relation limited = SparkRelations.Limit(SparkRelations.Sql("SELECT 1"), 5);

        Assert.Equal((5, "SELECT 1"), (limited.Limit.Limit_, limited.Limit.Input.Sql.Query));
        Assert.Throws<ArgumentOutOfRangeException>(() => SparkRelations.Limit(SparkRelations.Sql("SELECT 1"), -1));
    }

    [Fact]
    public void Empty_sql_is_refused()
    {
        Assert.Throws<ArgumentException>(() => SparkRelations.Sql("  "));
        Assert.Throws<ArgumentException>(() => SparkCommands.Sql(""));
    }

    [Fact]
    public void A_sql_command_carries_the_statement()
    {
        Assert.Equal("DROP VIEW v", SparkCommands.Sql("DROP VIEW v").Command.SqlCommand.Sql);
    }
}
