using Npgsql;
using SparkRecs.Spark.Protocol;

namespace SparkRecs.Spark.Tests.Fake;

/// <summary>
/// FAKE Spark executors for JDBC writes: given a <c>write_operation</c> (format <c>jdbc</c>,
/// mode APPEND), it inserts the rows the test scripted for the target table into that table
/// through its own Npgsql connection, one parameterised INSERT per row, as Spark's JDBC writer
/// does (factors as a <c>float[]</c> parameter, which Npgsql sends as <c>real[]</c> like Spark's
/// <c>float4[]</c>). It never evaluates the plan's input relation: the rows come from the test.
/// </summary>
/// <param name="connectionString">Where it writes (the test's database; the plan's URL and credentials are only recorded).</param>
/// <param name="rows">The rows to insert for a target table (schema-qualified, as in the plan), in column order.</param>
public sealed class FakeJdbcExecutor(string connectionString, Func<string, IReadOnlyList<object[]>> rows)
{
    private readonly List<WriteOperation> _writes = [];

    /// <summary>Rows left out of each write (an executor that lost a partition).</summary>
    public int DropRows { get; set; }

    /// <summary>Every write received, in order (options include the URL, user and password Spark would use).</summary>
    public IReadOnlyList<WriteOperation> Writes => _writes;

    /// <summary>Inserts the scripted rows of the write's table.</summary>
    /// <exception cref="InvalidOperationException">When the write is not an APPEND over JDBC.</exception>
    public void Write(WriteOperation write)
    {
        _writes.Add(write);
        if (write.Source != "jdbc" || write.Mode != WriteOperation.Types.SaveMode.Append)
        {
            throw new InvalidOperationException($"the fake executor only appends over JDBC, got {write.Source} {write.Mode}");
        }
        string table = write.Options["dbtable"];
        var scripted = rows(table);
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        foreach (var row in scripted.Take(scripted.Count - DropRows))
        {
            using var insert = new NpgsqlCommand($"INSERT INTO {table} VALUES ({string.Join(", ", row.Select((_, i) => "$" + (i + 1)))})", connection);
            foreach (object value in row)
            {
                insert.Parameters.Add(new NpgsqlParameter { Value = value });
            }
            insert.ExecuteNonQuery();
        }
    }
}
