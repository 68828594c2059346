using Npgsql;
using SparkRecs.Postgres.Embedded;
using SparkRecs.Spark.Tests.Fake;

namespace SparkRecs.Spark.Tests.Engine;

/// <summary>
/// One fake Spark Connect server and one embedded Postgres (under a temp state folder) shared by
/// the Spark engine's end-to-end tests; each test uses its own model name, so runs do not mix.
/// </summary>
public sealed class SparkEngineFixture : IAsyncLifetime
{
    private readonly TempFolder _folder = new();

    public FakeSparkConnectServer Server { get; private set; } = null!;

    public string Folder => _folder.Path;

    public string StateDir => System.IO.Path.Combine(_folder.Path, "state");

    public async Task InitializeAsync() => Server = await FakeSparkConnectServer.StartAsync();

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await EmbeddedPostgres.StopAsync(StateDir);
        _folder.Dispose();
    }

    /// <summary>A connection to the embedded Postgres the runs publish to.</summary>
    public async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(await EmbeddedPostgres.EnsureStartedAsync(StateDir));
        await connection.OpenAsync();
        return connection;
    }
}
