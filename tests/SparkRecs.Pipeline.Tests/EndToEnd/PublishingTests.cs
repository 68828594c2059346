using Npgsql;
using SparkRecs.Core.Errors;
using SparkRecs.Pipeline.Progress;
using SparkRecs.Pipeline.Tests.Support;
using SparkRecs.Postgres.Embedded;

namespace SparkRecs.Pipeline.Tests.EndToEnd;

/// <summary>
/// The whole job against the embedded default: a private PostgreSQL under the run's state folder,
/// started by the job itself, exactly as <c>submit.sh run</c> does on a fresh machine.
/// </summary>
public sealed class PublishingTests : EmbeddedPostgresTest
{
    [Fact]
    public async Task Failed_and_refused_runs_leave_the_published_recommendations_served_and_untouched()
    {
        var first = await NightlyRun.ExecuteAsync(SmallJob.Config(Folder.Path), ProgressReporter.Silent, CancellationToken.None);
        Assert.True(first.Job.Published);
        Assert.NotNull(first.PostgresRunId);
        string user = first.Job.Artifacts.UserKeys.KeyOf(0);
        var served = await ServedAsync(user);
        Assert.Equal(20, served.Count);
        Assert.Equal(first.Job.Artifacts.ItemKeys.KeyOf(first.Job.Artifacts.Recommendations.Items(0)[0]), served[0]);
        Assert.Equal(10, (await ServedAsync("a-user-nobody-knows")).Count); // the popular fallback

        // Bad input: the run fails in ingest, before anything reaches Postgres.
        var bad = SmallJob.Config(Folder.Path, ("ingest:maxBadFraction", "0"));
        await Assert.ThrowsAsync<DataException>(() => NightlyRun.ExecuteAsync(bad, ProgressReporter.Silent, CancellationToken.None));
        Assert.Equal(served, await ServedAsync(user));

        // A gate that cannot pass: the run is registered as refused, nothing is loaded or switched.
        var refused = await NightlyRun.ExecuteAsync(SmallJob.Config(Folder.Path, ("gate:minLiftOverPopularity", "0.9")), ProgressReporter.Silent, CancellationToken.None);
        Assert.False(refused.Job.Published);
        Assert.NotEqual(first.PostgresRunId, refused.PostgresRunId);
        Assert.Equal(served, await ServedAsync(user));
        Assert.Equal(first.PostgresRunId, await LiveRunAsync());
    }

    private async Task<List<string>> ServedAsync(string user)
    {
        await using var connection = await OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT item_key FROM sparkrecs.recommend('default', $1, 10000) ORDER BY rank", connection);
        cmd.Parameters.AddWithValue(user);
        await using var reader = await cmd.ExecuteReaderAsync();
        var items = new List<string>();
        while (await reader.ReadAsync())
        {
            items.Add(reader.GetString(0));
        }
        return items.Take(user.StartsWith("a-user", StringComparison.Ordinal) ? 10 : int.MaxValue).ToList();
    }

    private async Task<long?> LiveRunAsync()
    {
        await using var connection = await OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT run_id FROM sparkrecs.live WHERE model = 'default'", connection);
        return await cmd.ExecuteScalarAsync() as long?;
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        string cs = await EmbeddedPostgres.EnsureStartedAsync(Path.Combine(Folder.Path, "state"));
        var connection = new NpgsqlConnection(cs);
        await connection.OpenAsync();
        return connection;
    }
}
