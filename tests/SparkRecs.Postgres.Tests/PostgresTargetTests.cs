using SparkRecs.Core.Errors;
using SparkRecs.Postgres.Tests.Support;

namespace SparkRecs.Postgres.Tests;

[Collection(PostgresCollection.Name)]
public sealed class PostgresTargetTests(PostgresFixture pg)
{
    [Fact]
    public async Task Connecting_to_a_configured_server_migrates_the_schema_and_gives_a_working_publisher()
    {
        var options = PostgresFixture.NewOptions();
        options.ConnectionString = pg.ConnectionString;

        await using var target = await PostgresTarget.ConnectAsync(options, stateDir: Path.GetTempPath());
        long live = await target.Publisher.LoadAndPublishAsync("m", TestArtifacts.Create(10, 10, 3));

        Assert.False(target.IsEmbedded);
        Assert.Equal(live, (await target.Publisher.GetLiveRunAsync("m"))!.RunId);
    }

    [Fact]
    public async Task An_unreachable_server_fails_with_a_publish_error_that_names_it_without_a_password()
    {
        var options = PostgresFixture.NewOptions();
        options.ConnectionString = "Host=127.0.0.1;Port=1;Username=nobody;Timeout=2";

        var error = await Assert.ThrowsAsync<PublishException>(() => PostgresTarget.ConnectAsync(options, Path.GetTempPath()));

        Assert.Contains("Port=1", error.Message, StringComparison.Ordinal);
        Assert.Contains("SPARKRECS_PG_PASSWORD", error.Message, StringComparison.Ordinal);
    }
}
