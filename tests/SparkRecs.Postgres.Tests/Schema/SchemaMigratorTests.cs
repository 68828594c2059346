using SparkRecs.Core.Errors;
using SparkRecs.Postgres.Schema;
using SparkRecs.Postgres.Tests.Support;

namespace SparkRecs.Postgres.Tests.Schema;

[Collection(PostgresCollection.Name)]
public sealed class SchemaMigratorTests(PostgresFixture pg)
{
    [Fact]
    public async Task Migrating_twice_is_harmless_and_records_each_version_once()
    {
        var options = PostgresFixture.NewOptions();
        await using var dataSource = pg.CreateDataSource(options);
        var migrator = new SchemaMigrator(dataSource, options.Schema);

        int first = await migrator.MigrateAsync();
        int second = await migrator.MigrateAsync();

        Assert.Equal(SchemaMigrator.LatestVersion, first);
        Assert.Equal(first, second);
        Assert.Equal((long)SchemaMigrator.LatestVersion, await Sql.ScalarAsync<long>(dataSource, $"SELECT count(*) FROM \"{options.Schema}\".schema_version"));
        Assert.Equal(0L, await Sql.ScalarAsync<long>(dataSource, $"SELECT count(*) FROM \"{options.Schema}\".runs"));
    }

    [Fact]
    public async Task Concurrent_migrations_of_one_schema_all_succeed()
    {
        var options = PostgresFixture.NewOptions();
        await using var dataSource = pg.CreateDataSource(options);

        var versions = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => new SchemaMigrator(dataSource, options.Schema).MigrateAsync())));

        Assert.All(versions, v => Assert.Equal(SchemaMigrator.LatestVersion, v));
        Assert.Equal((long)SchemaMigrator.LatestVersion, await Sql.ScalarAsync<long>(dataSource, $"SELECT count(*) FROM \"{options.Schema}\".schema_version"));
    }

    [Fact]
    public async Task Migrating_a_schema_with_an_unsafe_name_is_refused_before_touching_the_database()
    {
        var options = PostgresFixture.NewOptions();
        await using var dataSource = pg.CreateDataSource(options);

        var error = await Assert.ThrowsAsync<ConfigurationException>(() => new SchemaMigrator(dataSource, "x\"; drop table runs; --").MigrateAsync());

        Assert.Equal("postgres:schema", error.Key);
    }
}
