using Npgsql;
using SparkRecs.Core.Errors;
using SparkRecs.Postgres.Loading;
using SparkRecs.Postgres.Publishing;
using SparkRecs.Postgres.Tests.Support;

namespace SparkRecs.Postgres.Tests.Publishing;

[Collection(PostgresCollection.Name)]
public sealed class PublisherFailureTests(PostgresFixture pg)
{
    [Fact]
    public async Task A_load_killed_mid_copy_keeps_the_live_run_served_and_the_next_run_drops_its_tables()
    {
        var (dataSource, options) = await pg.CreateMigratedAsync();
        await using var _ = dataSource;
        var publisher = new Publisher(dataSource, options) { ProgressInterval = 500 };
        long live = await publisher.LoadAndPublishAsync("m", TestArtifacts.Create(100, 40, 10, marker: 1f));
        // Complete the first table of the doomed run so a partial run really leaves a table behind.
        long doomed = await publisher.BeginRunAsync(new RunInfo("m", "local"));
        string s = $"\"{options.Schema}\"";
        await using var killer = await dataSource.OpenConnectionAsync();
        int killed = 0;
        var progress = new KillingProgress(report =>
        {
            if (report.Table == $"user_factors_r{doomed}" && !report.Completed && killed == 0)
            {
                using var terminate = new NpgsqlCommand(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE query LIKE 'COPY %user_factors_r' || @id || '%' AND pid <> pg_backend_pid()", killer);
                terminate.Parameters.AddWithValue("id", doomed.ToString(System.Globalization.CultureInfo.InvariantCulture));
                killed = (int)(long)terminate.ExecuteScalar()!;
            }
        });

        var error = await Assert.ThrowsAsync<PublishException>(() => publisher.LoadAsync(doomed, TestArtifacts.Create(3000, 40, 10, marker: 2f), progress));

        Assert.Equal(1, killed);
        Assert.Contains("live version is untouched", error.Message, StringComparison.Ordinal);
        Assert.Equal(live, (await publisher.GetLiveRunAsync("m"))!.RunId);
        var served = await Sql.RankedAsync(dataSource, $"SELECT rank, item_key, score FROM {s}.recommend('m', 'u5', 10)");
        Assert.Equal(10, served.Count);
        Assert.All(served, r => Assert.Equal(1f, r.Score));
        Assert.Contains($"recs_r{doomed}", await Sql.RunTablesAsync(dataSource, options.Schema));
        Assert.Equal(RunStatus.Loading, (await publisher.GetRunAsync(doomed))!.Status);

        // pg_terminate_backend only signals: the backend (and the advisory lock that marks the load
        // as alive) goes away a moment later. The next nightly run comes hours later; wait for it here.
        await WaitUntilNoCopyOfAsync(killer, $"user_factors_r{doomed}");
        long next = await publisher.BeginRunAsync(new RunInfo("m", "local"));

        Assert.DoesNotContain(await Sql.RunTablesAsync(dataSource, options.Schema), t => t.EndsWith($"_r{doomed}", StringComparison.Ordinal));
        var cleaned = await publisher.GetRunAsync(doomed);
        Assert.Equal(RunStatus.Failed, cleaned!.Status);
        Assert.Contains("abandoned", cleaned.Failure, StringComparison.Ordinal);
        await publisher.LoadAsync(next, TestArtifacts.Create(100, 40, 10, marker: 3f));
        Assert.Equal(next, (await publisher.PublishAsync(next)).LiveRunId);
    }

    private static async Task WaitUntilNoCopyOfAsync(NpgsqlConnection connection, string table)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await using var count = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'COPY %' || @table || '%' AND pid <> pg_backend_pid()", connection);
            count.Parameters.AddWithValue("table", table);
            if ((long)(await count.ExecuteScalarAsync())! == 0)
            {
                return;
            }
            Assert.True(DateTime.UtcNow < deadline, $"the terminated COPY into {table} is still running after 30 s");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task Cleanup_leaves_a_run_alone_while_its_loader_session_is_alive()
    {
        var (dataSource, options) = await pg.CreateMigratedAsync();
        await using var _ = dataSource;
        var publisher = new Publisher(dataSource, options);
        long running = await publisher.BeginRunAsync(new RunInfo("m", "local"));
        await using var loader = await dataSource.OpenConnectionAsync();
        await using (var claim = new NpgsqlCommand(
            $"SELECT pg_advisory_lock(hashtext('sparkrecs.load:' || @schema), (@id % 2147483647)::int); UPDATE \"{options.Schema}\".runs SET load_started_at = now() WHERE run_id = @id", loader))
        {
            claim.Parameters.AddWithValue("schema", options.Schema);
            claim.Parameters.AddWithValue("id", running);
            await claim.ExecuteNonQueryAsync();
        }

        var cleaned = await publisher.CleanupAbandonedAsync("m");
        var markFailed = await Assert.ThrowsAsync<PublishException>(() => publisher.MarkFailedAsync(running, "test"));

        Assert.Empty(cleaned);
        Assert.Contains("still being loaded", markFailed.Message, StringComparison.Ordinal);
        Assert.Equal(RunStatus.Loading, (await publisher.GetRunAsync(running))!.Status);
    }

    [Fact]
    public async Task Marking_a_ready_run_failed_drops_its_tables_and_refuses_the_live_run()
    {
        var (dataSource, options) = await pg.CreateMigratedAsync();
        await using var _ = dataSource;
        var publisher = new Publisher(dataSource, options);
        long live = await publisher.LoadAndPublishAsync("m", TestArtifacts.Create(10, 10, 3, marker: 1f));
        long rejected = await publisher.LoadRunAsync("m", TestArtifacts.Create(10, 10, 3, marker: 2f));

        await publisher.MarkFailedAsync(rejected, "quality gate: ndcg@10 below the live run");
        var error = await Assert.ThrowsAsync<PublishException>(() => publisher.MarkFailedAsync(live, "no"));

        var run = await publisher.GetRunAsync(rejected);
        Assert.Equal(RunStatus.Failed, run!.Status);
        Assert.Equal("quality gate: ndcg@10 below the live run", run.Failure);
        Assert.DoesNotContain(await Sql.RunTablesAsync(dataSource, options.Schema), t => t.EndsWith($"_r{rejected}", StringComparison.Ordinal));
        Assert.Contains("cannot be marked failed", error.Message, StringComparison.Ordinal);
        Assert.Equal(live, (await publisher.GetLiveRunAsync("m"))!.RunId);
    }

    private sealed class KillingProgress(Action<LoadProgress> report) : IProgress<LoadProgress>
    {
        public void Report(LoadProgress value) => report(value);
    }
}
