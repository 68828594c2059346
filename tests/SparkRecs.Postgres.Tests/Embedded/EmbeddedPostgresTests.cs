using SparkRecs.Postgres.Embedded;
using SparkRecs.Postgres.Tests.Support;

namespace SparkRecs.Postgres.Tests.Embedded;

[Collection(PostgresCollection.Name)]
public sealed class EmbeddedPostgresTests(PostgresFixture pg)
{
    [Fact]
    public async Task Starting_again_reuses_the_running_cluster_and_its_connection_string()
    {
        if (pg.StateDir is null || OperatingSystem.IsWindows())
        {
            return; // Testing against SPARKRECS_TEST_PG: there is no embedded cluster to reuse.
        }

        string again = await EmbeddedPostgres.EnsureStartedAsync(pg.StateDir);

        Assert.Equal(pg.ConnectionString, again);
        Assert.DoesNotContain("Password", again, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("127.0.0.1", again, StringComparison.Ordinal);
        string pgpass = Path.Combine(pg.StateDir, "postgres", "pgpass");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(pgpass));
        Assert.StartsWith("PGPASSFILE=", EmbeddedPostgres.PsqlCommand(pg.StateDir, again), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_starts_of_a_running_cluster_all_return_it()
    {
        if (pg.StateDir is null)
        {
            return; // Testing against SPARKRECS_TEST_PG: there is no embedded cluster to reuse.
        }

        var connections = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => EmbeddedPostgres.EnsureStartedAsync(pg.StateDir))));

        Assert.All(connections, c => Assert.Equal(pg.ConnectionString, c));
    }

    [Fact]
    public async Task The_embedded_server_listens_on_loopback_only_with_minimal_wal()
    {
        if (pg.StateDir is null)
        {
            return; // Testing against SPARKRECS_TEST_PG: its settings are not ours.
        }
        var options = PostgresFixture.NewOptions();
        await using var dataSource = pg.CreateDataSource(options);

        Assert.Equal("127.0.0.1", await Sql.ScalarAsync<string>(dataSource, "SHOW listen_addresses"));
        Assert.Equal("minimal", await Sql.ScalarAsync<string>(dataSource, "SHOW wal_level"));
        Assert.Equal("sparkrecs", await Sql.ScalarAsync<string>(dataSource, "SELECT current_database()"));
    }
}
