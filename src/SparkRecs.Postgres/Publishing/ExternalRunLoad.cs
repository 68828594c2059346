using Npgsql;
using SparkRecs.Postgres.Schema;

namespace SparkRecs.Postgres.Publishing;

/// <summary>
/// A run whose tables are filled by someone other than the publisher (Spark's executors over
/// JDBC), from <see cref="Publisher.BeginExternalLoadAsync"/> to
/// <see cref="Publisher.FinishExternalLoadAsync"/>. It holds the run's load lock on its own
/// connection for its whole life, so a concurrent clean-up never takes the run for abandoned while
/// the executors write, and a killed driver releases it with its session.
/// </summary>
/// <remarks>
/// The table names are unquoted, schema-qualified (<c>sparkrecs.recs_r42</c>): the schema and the
/// table names are lowercase plain identifiers, so they mean the same quoted or not, and Spark's
/// JDBC writer splices <c>dbtable</c> into its <c>INSERT</c> as given. Dispose it in every case:
/// disposing releases the lock and closes the connection; it does not fail the run.
/// </remarks>
public sealed class ExternalRunLoad : IAsyncDisposable
{
    internal ExternalRunLoad(long runId, string schema, NpgsqlConnection connection)
    {
        RunId = runId;
        Tables = new RunTables(schema, runId);
        Connection = connection;
        Recommendations = RunTables.Unquoted(Tables.Recommendations);
        UserFactors = RunTables.Unquoted(Tables.UserFactors);
        ItemFactors = RunTables.Unquoted(Tables.ItemFactors);
        SimilarItems = RunTables.Unquoted(Tables.SimilarItems);
        Popular = RunTables.Unquoted(Tables.Popular);
    }

    /// <summary>The run's id in the registry (status <c>loading</c> until finished).</summary>
    public long RunId { get; }

    /// <summary>The top-N table: <c>(user_key text, rank integer, item_key text, score real)</c>.</summary>
    public string Recommendations { get; }

    /// <summary>The user factor table: <c>(user_key text, factors real[])</c>; Spark's <c>array&lt;float&gt;</c> arrives as <c>float4[]</c>, the same type.</summary>
    public string UserFactors { get; }

    /// <summary>The item factor table: <c>(item_key text, factors real[])</c>.</summary>
    public string ItemFactors { get; }

    /// <summary>The similar-items table: <c>(item_key text, rank integer, similar_item_key text, score real)</c>.</summary>
    public string SimilarItems { get; }

    /// <summary>The popular fallback table: <c>(rank integer, item_key text, score real)</c>.</summary>
    public string Popular { get; }

    internal RunTables Tables { get; }

    internal NpgsqlConnection Connection { get; }

    /// <summary>Rows the driver copied into the similar-items table (confirmed by the server).</summary>
    internal long SimilarRows { get; set; }

    /// <summary>Rows the driver copied into the popular table.</summary>
    internal int PopularRows { get; set; }

    /// <summary>Time since the tables were created: the external writers' load time.</summary>
    internal TimeSpan Elapsed => _clock.Elapsed;

    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();

    /// <summary>Whether the lock is still held (false once released by finishing or failing).</summary>
    internal bool Locked { get; set; } = true;

    /// <summary>Releases the run's load lock (when still held) and closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Locked)
        {
            Locked = false;
            await Publisher.ReleaseRunLockQuietly(Connection, Tables.Schema, RunId);
        }
        await Connection.DisposeAsync();
    }
}
