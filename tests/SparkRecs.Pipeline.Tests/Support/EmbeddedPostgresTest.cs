using Npgsql;
using SparkRecs.Postgres.Embedded;

namespace SparkRecs.Pipeline.Tests.Support;

/// <summary>
/// A test whose job starts the embedded PostgreSQL under <c>&lt;Folder&gt;/state</c>, as
/// <c>submit.sh run</c> does: afterwards the server is stopped and the folder deleted.
/// </summary>
public abstract class EmbeddedPostgresTest : IAsyncLifetime
{
    /// <summary>The test's private folder (warehouse, runs, state).</summary>
    protected TempFolder Folder { get; } = new();

    /// <inheritdoc/>
    public Task InitializeAsync() => Task.CompletedTask;

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await EmbeddedPostgres.StopAsync(Path.Combine(Folder.Path, "state"));
        Folder.Dispose();
    }
}
