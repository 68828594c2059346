using SparkRecs.Spark.Protocol;

namespace SparkRecs.Spark.Plans;

/// <summary>Builders of the non-ML commands the Spark engine runs: temporary views and SQL statements.</summary>
public static class SparkCommands
{
    /// <summary>
    /// Registers <paramref name="input"/> as a session-scoped temporary view (replacing one of the
    /// same name), so later SQL can refer to a relation that SQL cannot express, such as an ML
    /// model's recommendations.
    /// </summary>
    public static Plan CreateTempView(Relation input, string viewName)
    {
        ArgumentNullException.ThrowIfNull(input);
        SparkSqlNames.RequireSimple(viewName, nameof(viewName));
        return new Plan
        {
            Command = new Command
            {
                CreateDataframeView = new CreateDataFrameViewCommand { Input = input, Name = viewName, IsGlobal = false, Replace = true },
            },
        };
    }

    /// <summary>A SQL statement executed eagerly (DDL such as CREATE OR REPLACE TEMP VIEW, or DML).</summary>
    public static Plan Sql(string statement)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(statement);
        return new Plan { Command = new Command { SqlCommand = new SqlCommand { Sql = statement } } };
    }
}
