using Npgsql;
using SparkRecs.Core.Errors;
using SparkRecs.Postgres.Publishing;
using SparkRecs.Postgres.Tests.Support;

namespace SparkRecs.Postgres.Tests.Publishing;

[Collection(PostgresCollection.Name)]
public sealed class PublisherConcurrencyTests(PostgresFixture pg)
{
    [Fact]
    public async Task Readers_during_publishes_never_see_an_empty_or_mixed_result()
    {
        var (dataSource, options) = await pg.CreateMigratedAsync(retainRuns: 2);
        await using var _ = dataSource;
        var publisher = new Publisher(dataSource, options);
        await publisher.LoadAndPublishAsync("m", TestArtifacts.Create(200, 50, 10, marker: 1f));
        var ready = new List<long>();
        for (int run = 2; run <= 5; run++)
        {
            ready.Add(await publisher.LoadRunAsync("m", TestArtifacts.Create(200, 50, 10, marker: run)));
        }
        string s = $"\"{options.Schema}\"";
        using var stop = new CancellationTokenSource();
        var violations = new System.Collections.Concurrent.ConcurrentBag<string>();
        var markersSeen = new System.Collections.Concurrent.ConcurrentDictionary<float, int>();
        long queries = 0;

        async Task ReadLoop(string sql)
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            while (!stop.IsCancellationRequested)
            {
                await using var command = new NpgsqlCommand(sql, connection);
                var scores = new List<float>();
                await using (var reader = await command.ExecuteReaderAsync())
                {
                    while (await reader.ReadAsync())
                    {
                        scores.Add(reader.GetFloat(0));
                    }
                }
                Interlocked.Increment(ref queries);
                if (scores.Count != 10 || scores.Distinct().Count() != 1)
                {
                    violations.Add($"{scores.Count} rows, scores {string.Join(",", scores.Distinct())} for: {sql}");
                }
                else
                {
                    markersSeen.AddOrUpdate(scores[0], 1, (_, n) => n + 1);
                }
            }
        }

        var readers = new[]
        {
            Task.Run(() => ReadLoop($"SELECT score FROM {s}.recommendations_m WHERE user_key = 'u7' ORDER BY rank LIMIT 10")),
            // One statement over two users and the fallback: all rows must come from one run.
            Task.Run(() => ReadLoop($"(SELECT score FROM {s}.recommendations_m WHERE user_key IN ('u3', 'u150') ORDER BY user_key, rank LIMIT 5) UNION ALL (SELECT score FROM {s}.popular_m ORDER BY rank LIMIT 5)")),
            Task.Run(() => ReadLoop($"SELECT score FROM {s}.recommend('m', 'unknown-user', 10)")),
        };
        foreach (long runId in ready)
        {
            await Task.Delay(150);
            await publisher.PublishAsync(runId);
        }
        await Task.Delay(150);
        await stop.CancelAsync();
        await Task.WhenAll(readers);

        Assert.Empty(violations);
        Assert.True(queries > 30, $"only {queries} reads ran");
        Assert.True(markersSeen.Count >= 3, $"readers saw runs {string.Join(",", markersSeen.Keys)}");
        Assert.Contains(5f, markersSeen.Keys);
    }

    [Fact]
    public async Task A_second_publisher_waits_for_the_model_lock_and_then_fails_naming_the_holder()
    {
        var (dataSource, options) = await pg.CreateMigratedAsync();
        await using var _ = dataSource;
        options.PublishLockWaitSeconds = 1;
        var publisher = new Publisher(dataSource, options);
        long live = await publisher.LoadAndPublishAsync("m", TestArtifacts.Create(10, 10, 3, marker: 1f));
        long next = await publisher.LoadRunAsync("m", TestArtifacts.Create(10, 10, 3, marker: 2f));

        await using var holder = await dataSource.OpenConnectionAsync();
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(hashtext('sparkrecs.publish:' || @schema), hashtext('m'))", holder))
        {
            take.Parameters.AddWithValue("schema", options.Schema);
            await take.ExecuteNonQueryAsync();
        }
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<PublishException>(() => publisher.PublishAsync(next));
        var waited = clock.Elapsed;

        Assert.Contains($"backend pid {holder.ProcessID}", error.Message, StringComparison.Ordinal);
        Assert.True(waited >= TimeSpan.FromSeconds(0.9), $"gave up after {waited}");
        Assert.Equal(live, (await publisher.GetLiveRunAsync("m"))!.RunId);
        Assert.Equal(RunStatus.Ready, (await publisher.GetRunAsync(next))!.Status);

        await using (var release = new NpgsqlCommand("SELECT pg_advisory_unlock_all()", holder))
        {
            await release.ExecuteNonQueryAsync();
        }
        Assert.Equal(next, (await publisher.PublishAsync(next)).LiveRunId);
    }

    [Fact]
    public async Task Two_publishers_at_once_are_serialised_and_leave_exactly_one_live_run()
    {
        var (dataSource, options) = await pg.CreateMigratedAsync(retainRuns: 5);
        await using var _ = dataSource;
        var first = new Publisher(dataSource, options);
        var second = new Publisher(dataSource, options);
        await first.LoadAndPublishAsync("m", TestArtifacts.Create(10, 10, 3, marker: 1f));
        long a = await first.LoadRunAsync("m", TestArtifacts.Create(10, 10, 3, marker: 2f));
        long b = await second.LoadRunAsync("m", TestArtifacts.Create(10, 10, 3, marker: 3f));

        var results = await Task.WhenAll(Task.Run(() => first.PublishAsync(a)), Task.Run(() => second.PublishAsync(b)));

        var runs = await first.ListRunsAsync("m");
        long live = runs.Single(r => r.Status == RunStatus.Live).RunId;
        Assert.Equal(2, runs.Count(r => r.Status == RunStatus.Retired));
        // The later switch retired the earlier one: its "previous" is the other publisher's run.
        var later = results.Single(r => r.LiveRunId == live);
        var earlier = results.Single(r => r.LiveRunId != live);
        Assert.Equal(earlier.LiveRunId, later.PreviousRunId);
        Assert.Equal(live, await Sql.ScalarAsync<long>(dataSource, $"SELECT run_id FROM \"{options.Schema}\".live WHERE model = 'm'"));
        float marker = live == a ? 2f : 3f;
        Assert.Equal(marker, await Sql.ScalarAsync<float>(dataSource, $"SELECT score FROM \"{options.Schema}\".recommendations_m WHERE user_key = 'u1' AND rank = 1"));
    }
}
