using System.Globalization;
using SparkRecs.Spark.Protocol;

namespace SparkRecs.Spark.Plans;

/// <summary>
/// Writes a relation from the Spark executors straight into a Postgres table over JDBC
/// (Command.write_operation, format <c>jdbc</c>): top-N lists and factors go to staging tables
/// without passing through the .NET driver, which then publishes them atomically.
/// </summary>
/// <remarks>
/// The plan carries the database password (Spark needs it on the executors): send it, never log
/// it; <see cref="PlanLogText"/> prints plans with it hidden.
/// </remarks>
public static class JdbcWritePlans
{
    /// <summary>The JDBC driver class the executors load.</summary>
    public const string PostgresDriver = "org.postgresql.Driver";

    /// <summary>Writes <paramref name="input"/> into <paramref name="table"/>.</summary>
    /// <param name="input">The rows, with column names matching the table's.</param>
    /// <param name="table">Target table, optionally schema-qualified (<c>sparkrecs.staging_topn_17</c>).</param>
    /// <param name="target">Database and credentials.</param>
    /// <param name="mode">Append (default) into a staging table the publisher created, or Overwrite (truncating, so its column types stay).</param>
    /// <param name="batchSize">Rows per JDBC batch insert. Default 10,000.</param>
    public static Plan Write(Relation input, string table, PostgresJdbcTarget target, SparkSaveMode mode = SparkSaveMode.Append, int batchSize = 10_000)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        SparkSqlNames.Quote(table, nameof(table));
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (!Enum.IsDefined(mode))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "Not a save mode.");
        }
        var write = new WriteOperation
        {
            Input = input,
            Source = "jdbc",
            Mode = (WriteOperation.Types.SaveMode)(int)mode,
        };
        write.Options.Add("url", target.Url);
        write.Options.Add("dbtable", table);
        write.Options.Add("user", target.User);
        write.Options.Add("password", target.Password);
        write.Options.Add("driver", PostgresDriver);
        write.Options.Add("batchsize", batchSize.ToString(CultureInfo.InvariantCulture));
        if (mode == SparkSaveMode.Overwrite)
        {
            write.Options.Add("truncate", "true");
        }
        return new Plan { Command = new Command { WriteOperation = write } };
    }
}
