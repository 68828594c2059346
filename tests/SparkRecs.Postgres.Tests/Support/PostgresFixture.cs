using Npgsql;
using SparkRecs.Postgres.Configuration;
using SparkRecs.Postgres.Embedded;
using SparkRecs.Postgres.Schema;

namespace SparkRecs.Postgres.Tests.Support;

/// <summary>
/// One real PostgreSQL for the whole test run: the server named by <c>SPARKRECS_TEST_PG</c> (a
/// connection string without password) when set, otherwise a throwaway embedded cluster in a temp
/// folder, stopped and deleted at the end. Each test works in its own schema.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    public const string ServerVariable = "SPARKRECS_TEST_PG";

    private string? _stateDir;

    public string ConnectionString { get; private set; } = "";

    /// <summary>The embedded cluster's state folder, or null when testing against SPARKRECS_TEST_PG.</summary>
    public string? StateDir => _stateDir;

    public async Task InitializeAsync()
    {
        string? given = Environment.GetEnvironmentVariable(ServerVariable);
        if (!string.IsNullOrWhiteSpace(given))
        {
            ConnectionString = given;
            return;
        }
        _stateDir = Path.Combine(Path.GetTempPath(), "sparkrecs-pg-tests-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_stateDir);
        ConnectionString = await EmbeddedPostgres.EnsureStartedAsync(_stateDir);
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_stateDir is not null)
        {
            await EmbeddedPostgres.StopAsync(_stateDir);
            Directory.Delete(_stateDir, recursive: true);
        }
    }

    /// <summary>Options for a fresh, uniquely named schema (so tests never see each other's runs).</summary>
    public static PostgresOptions NewOptions(int retainRuns = 3) => new()
    {
        Schema = "t_" + Guid.NewGuid().ToString("N")[..12],
        Model = "m",
        RetainRuns = retainRuns,
        PublishLockWaitSeconds = 30,
        CommandTimeoutSeconds = 60,
    };

    public NpgsqlDataSource CreateDataSource(PostgresOptions options) => PostgresConnection.CreateDataSource(options, ConnectionString);

    /// <summary>A data source on a new, migrated schema.</summary>
    public async Task<(NpgsqlDataSource DataSource, PostgresOptions Options)> CreateMigratedAsync(int retainRuns = 3)
    {
        var options = NewOptions(retainRuns);
        var dataSource = CreateDataSource(options);
        await new SchemaMigrator(dataSource, options.Schema).MigrateAsync();
        return (dataSource, options);
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "postgres";
}
