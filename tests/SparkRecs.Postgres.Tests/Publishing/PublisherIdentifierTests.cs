using Npgsql;
using SparkRecs.Core.Errors;
using SparkRecs.Postgres.Publishing;
using SparkRecs.Postgres.Tests.Support;

namespace SparkRecs.Postgres.Tests.Publishing;

[Collection(PostgresCollection.Name)]
public sealed class PublisherIdentifierTests(PostgresFixture pg)
{
    private const string Injection = "x\"; drop table runs; --";

    [Fact]
    public async Task Injection_strings_as_model_names_are_refused_and_the_registry_survives()
    {
        var (dataSource, options) = await pg.CreateMigratedAsync();
        await using var _ = dataSource;
        var publisher = new Publisher(dataSource, options);
        await publisher.LoadAndPublishAsync("m", TestArtifacts.Create(10, 10, 3));

        await Assert.ThrowsAsync<ConfigurationException>(() => publisher.BeginRunAsync(new RunInfo(Injection, "local")));
        await Assert.ThrowsAsync<ConfigurationException>(() => publisher.ListRunsAsync(Injection));
        await Assert.ThrowsAsync<ConfigurationException>(() => publisher.RollbackAsync("m'; delete from live; --"));
        await Assert.ThrowsAsync<ConfigurationException>(() => publisher.GetLiveRunAsync("M"));

        Assert.Equal(1L, await Sql.ScalarAsync<long>(dataSource, $"SELECT count(*) FROM \"{options.Schema}\".runs"));
        Assert.Single(await publisher.ListRunsAsync("m"));
    }

    [Fact]
    public async Task Serving_functions_reject_unsafe_model_names_and_unpublished_models_with_clear_errors()
    {
        var (dataSource, options) = await pg.CreateMigratedAsync();
        await using var _ = dataSource;
        var publisher = new Publisher(dataSource, options);
        await publisher.LoadAndPublishAsync("m", TestArtifacts.Create(10, 10, 3));
        string s = $"\"{options.Schema}\"";

        var injected = await Assert.ThrowsAsync<PostgresException>(() => Sql.ScalarAsync<object>(dataSource, $"SELECT * FROM {s}.recommend(@model, 'u1', 3)", ("model", Injection)));
        var unknown = await Assert.ThrowsAsync<PostgresException>(() => Sql.ScalarAsync<object>(dataSource, $"SELECT * FROM {s}.similar_items('never_published', 'i1', 3)"));

        Assert.Equal("22023", injected.SqlState);
        Assert.Equal("P0002", unknown.SqlState);
        Assert.Contains("has no live run", unknown.MessageText, StringComparison.Ordinal);
        Assert.Equal(1L, await Sql.ScalarAsync<long>(dataSource, $"SELECT count(*) FROM {s}.runs"));
    }

    [Fact]
    public async Task Parameters_and_metrics_that_are_not_json_objects_are_refused_before_registering()
    {
        var (dataSource, options) = await pg.CreateMigratedAsync();
        await using var _ = dataSource;
        var publisher = new Publisher(dataSource, options);

        var notJson = await Assert.ThrowsAsync<ConfigurationException>(() => publisher.BeginRunAsync(new RunInfo("m", "local", ParametersJson: "{rank: 10")));
        var notObject = await Assert.ThrowsAsync<ConfigurationException>(() => publisher.BeginRunAsync(new RunInfo("m", "local", MetricsJson: "[1, 2]")));

        Assert.Equal("run:parameters", notJson.Key);
        Assert.Equal("run:metrics", notObject.Key);
        Assert.Empty(await publisher.ListRunsAsync("m"));
    }
}
