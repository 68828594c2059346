using SparkRecs.Spark.Protocol;

namespace SparkRecs.Spark.Plans;

/// <summary>Builders of the relations (DataFrames) the Spark engine uses: SQL text, named tables, limits.</summary>
public static class SparkRelations
{
    /// <summary>The DataFrame of a SQL query (Relation.sql).</summary>
    public static Relation Sql(string query)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        return new Relation { Sql = new SQL { Query = query } };
    }

    /// <summary>A table or view by name (Relation.read.named_table), e.g. <c>warehouse.events</c>.</summary>
    public static Relation Table(string name)
    {
        SparkSqlNames.Quote(name, nameof(name));
        return new Relation { Read = new Read { NamedTable = new Read.Types.NamedTable { UnparsedIdentifier = name } } };
    }

    /// <summary>The first <paramref name="count"/> rows of <paramref name="input"/> (Relation.limit).</summary>
    public static Relation Limit(Relation input, int count)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return new Relation { Limit = new Limit { Input = input, Limit_ = count } };
    }
}
