using SparkRecs.Core.Errors;
using SparkRecs.Postgres.Publishing;
using SparkRecs.Postgres.Tests.Support;

namespace SparkRecs.Postgres.Tests.Publishing;

[Collection(PostgresCollection.Name)]
public sealed class PublisherSwitchTests(PostgresFixture pg)
{
    [Fact]
    public async Task Loading_a_run_changes_nothing_readers_see_until_it_is_published()
    {
        var (dataSource, options) = await pg.CreateMigratedAsync();
        await using var _ = dataSource;
        var publisher = new Publisher(dataSource, options);
        long first = await publisher.LoadAndPublishAsync("m", TestArtifacts.Create(30, 20, 5, marker: 1f));

        long second = await publisher.LoadRunAsync("m", TestArtifacts.Create(30, 20, 5, marker: 2f));
        var before = await Sql.RankedAsync(dataSource, $"SELECT rank, item_key, score FROM \"{options.Schema}\".recommendations_m WHERE user_key = 'u1' ORDER BY rank LIMIT 5");
        await publisher.PublishAsync(second);
        var after = await Sql.RankedAsync(dataSource, $"SELECT rank, item_key, score FROM \"{options.Schema}\".recommendations_m WHERE user_key = 'u1' ORDER BY rank LIMIT 5");

        Assert.All(before, r => Assert.Equal(1f, r.Score));
        Assert.All(after, r => Assert.Equal(2f, r.Score));
        Assert.Equal(5, after.Count);
        var runs = await publisher.ListRunsAsync("m");
        Assert.Equal([second, first], runs.Select(r => r.RunId));
        Assert.Equal([RunStatus.Live, RunStatus.Retired], runs.Select(r => r.Status));
        Assert.Equal("tests", runs[1].PublishedBy);
        Assert.Equal(second, (await publisher.GetLiveRunAsync("m"))!.RunId);
    }

    [Fact]
    public async Task Serving_function_returns_the_live_run_for_a_known_user_and_the_popular_list_for_an_unknown_one()
    {
        var (dataSource, options) = await pg.CreateMigratedAsync();
        await using var _ = dataSource;
        var publisher = new Publisher(dataSource, options);
        await publisher.LoadAndPublishAsync("m", TestArtifacts.Create(30, 20, 6, marker: 3f, popular: 8));
        string s = $"\"{options.Schema}\"";

        var known = await Sql.RankedAsync(dataSource, $"SELECT rank, item_key, score FROM {s}.recommend('m', 'u4', 4)");
        var unknown = await Sql.RankedAsync(dataSource, $"SELECT rank, item_key, score FROM {s}.recommend('m', 'nobody', 5)");

        Assert.Equal([(1, "i7"), (2, "i14"), (3, "i1"), (4, "i8")], known.Select(r => (r.Rank, r.Item)));
        Assert.Equal([(1, "i0"), (2, "i1"), (3, "i2"), (4, "i3"), (5, "i4")], unknown.Select(r => (r.Rank, r.Item)));
        var similar = await Sql.RankedAsync(dataSource, $"SELECT rank, similar_item_key, score FROM {s}.similar_items('m', 'i2', 3)");
        Assert.Equal(["i3", "i4", "i5"], similar.Select(r => r.Item));
        Assert.Equal(4, (await Sql.ScalarAsync<float[]>(dataSource, $"SELECT {s}.user_factors('m', 'u1')"))!.Length);
        Assert.Null(await Sql.ScalarAsync<float[]>(dataSource, $"SELECT {s}.item_factors('m', 'nope')"));
    }

    [Fact]
    public async Task Serving_queries_are_planned_as_index_scans()
    {
        var (dataSource, options) = await pg.CreateMigratedAsync();
        await using var _ = dataSource;
        var publisher = new Publisher(dataSource, options);
        await publisher.LoadAndPublishAsync("m", TestArtifacts.Create(users: 3000, items: 500, width: 20));
        string s = $"\"{options.Schema}\"";

        string recs = await ExplainAsync(dataSource, $"SELECT item_key, score FROM {s}.recommendations_m WHERE user_key = 'u42' ORDER BY rank LIMIT 10");
        string similar = await ExplainAsync(dataSource, $"SELECT similar_item_key, score FROM {s}.similar_items_m WHERE item_key = 'i42' ORDER BY rank LIMIT 10");
        string factors = await ExplainAsync(dataSource, $"SELECT factors FROM {s}.user_factors_m WHERE user_key = 'u42'");

        Assert.Contains("Index Scan using recs_r", recs, StringComparison.Ordinal);
        Assert.DoesNotContain("Seq Scan", recs, StringComparison.Ordinal);
        Assert.DoesNotContain("Sort", recs, StringComparison.Ordinal);
        Assert.Contains("Index Scan using similar_r", similar, StringComparison.Ordinal);
        Assert.Contains("Index Scan using user_factors_r", factors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publishing_a_run_that_is_not_ready_is_refused_and_leaves_the_live_run()
    {
        var (dataSource, options) = await pg.CreateMigratedAsync();
        await using var _ = dataSource;
        var publisher = new Publisher(dataSource, options);
        long live = await publisher.LoadAndPublishAsync("m", TestArtifacts.Create(10, 10, 3));
        long loading = await publisher.BeginRunAsync(new RunInfo("m", "local"));

        var notLoaded = await Assert.ThrowsAsync<PublishException>(() => publisher.PublishAsync(loading));
        var missing = await Assert.ThrowsAsync<PublishException>(() => publisher.PublishAsync(999_999));

        Assert.Contains("'loading'", notLoaded.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", missing.Message, StringComparison.Ordinal);
        Assert.Equal(live, (await publisher.GetLiveRunAsync("m"))!.RunId);
    }

    [Fact]
    public async Task Rollback_makes_the_previous_run_live_and_serving_follows_at_once()
    {
        var (dataSource, options) = await pg.CreateMigratedAsync();
        await using var _ = dataSource;
        var publisher = new Publisher(dataSource, options);
        long first = await publisher.LoadAndPublishAsync("m", TestArtifacts.Create(20, 10, 3, marker: 1f));
        long second = await publisher.LoadAndPublishAsync("m", TestArtifacts.Create(20, 10, 3, marker: 2f));

        var result = await publisher.RollbackAsync("m");

        Assert.Equal(first, result.LiveRunId);
        Assert.Equal(second, result.PreviousRunId);
        var rows = await Sql.RankedAsync(dataSource, $"SELECT rank, item_key, score FROM \"{options.Schema}\".recommend('m', 'u2', 3)");
        Assert.All(rows, r => Assert.Equal(1f, r.Score));
        var runs = await publisher.ListRunsAsync("m");
        Assert.Equal(RunStatus.Retired, runs.Single(r => r.RunId == second).Status);
        Assert.Equal(RunStatus.Live, runs.Single(r => r.RunId == first).Status);

        var forward = await publisher.RollbackAsync("m", second);
        Assert.Equal(second, forward.LiveRunId);
    }

    [Fact]
    public async Task Rollback_without_an_earlier_run_says_there_is_nothing_to_roll_back_to()
    {
        var (dataSource, options) = await pg.CreateMigratedAsync();
        await using var _ = dataSource;
        var publisher = new Publisher(dataSource, options);
        await publisher.LoadAndPublishAsync("m", TestArtifacts.Create(10, 10, 3));

        var error = await Assert.ThrowsAsync<PublishException>(() => publisher.RollbackAsync("m"));

        Assert.Contains("no retired run", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retention_keeps_the_last_k_runs_and_drops_the_tables_of_older_ones()
    {
        var (dataSource, options) = await pg.CreateMigratedAsync(retainRuns: 2);
        await using var _ = dataSource;
        var publisher = new Publisher(dataSource, options);
        var ids = new List<long>();
        for (int run = 1; run <= 4; run++)
        {
            ids.Add(await publisher.LoadAndPublishAsync("m", TestArtifacts.Create(10, 10, 3, marker: run)));
        }

        var tables = await Sql.RunTablesAsync(dataSource, options.Schema);

        Assert.Equal(10, tables.Count);
        Assert.All(tables, t => Assert.True(t.EndsWith($"_r{ids[2]}", StringComparison.Ordinal) || t.EndsWith($"_r{ids[3]}", StringComparison.Ordinal), t));
        var runs = await publisher.ListRunsAsync("m");
        Assert.All(runs.Where(r => r.RunId <= ids[1]), r => Assert.False(r.HasTables));
        var error = await Assert.ThrowsAsync<PublishException>(() => publisher.RollbackAsync("m", ids[0]));
        Assert.Contains("dropped by retention", error.Message, StringComparison.Ordinal);
        Assert.Equal(ids[2], (await publisher.RollbackAsync("m")).LiveRunId);
    }

    [Fact]
    public async Task Live_run_metrics_are_available_for_the_quality_gate()
    {
        var (dataSource, options) = await pg.CreateMigratedAsync();
        await using var _ = dataSource;
        var publisher = new Publisher(dataSource, options);
        Assert.Null(await publisher.GetLiveRunAsync("m"));
        long runId = await publisher.LoadRunAsync("m", TestArtifacts.Create(10, 10, 3));
        await publisher.UpdateMetricsAsync(runId, """{"ndcg@10": 0.31, "recall@10": 0.12}""");
        await publisher.PublishAsync(runId);

        var live = await publisher.GetLiveRunAsync("m");

        Assert.NotNull(live);
        using var metrics = System.Text.Json.JsonDocument.Parse(live.MetricsJson);
        Assert.Equal(0.31, metrics.RootElement.GetProperty("ndcg@10").GetDouble(), 6);
        Assert.Equal(10, live.UserCount);
        Assert.Equal(30L, live.RecommendationRows);
    }

    [Fact]
    public async Task The_registry_records_window_engine_parameters_and_who_published()
    {
        var (dataSource, options) = await pg.CreateMigratedAsync();
        await using var _ = dataSource;
        var publisher = new Publisher(dataSource, options);
        var from = new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.FromHours(2));
        var to = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        long runId = await publisher.BeginRunAsync(new RunInfo("m", "spark", from, to, """{"rank": 64, "alpha": 40}"""));
        await publisher.LoadAsync(runId, TestArtifacts.Create(12, 9, 3, rank: 7));
        await publisher.PublishAsync(runId, "airflow:daily_retrain");

        var run = Assert.Single(await publisher.ListRunsAsync("m"));

        Assert.Equal(from, run.WindowFrom);
        Assert.Equal(to, run.WindowTo);
        Assert.Equal("spark", run.Engine);
        using var parameters = System.Text.Json.JsonDocument.Parse(run.ParametersJson);
        Assert.Equal(64, parameters.RootElement.GetProperty("rank").GetInt32());
        Assert.Equal("airflow:daily_retrain", run.PublishedBy);
        Assert.Equal((12, 9, 7, 36L, 27L, 9), (run.UserCount, run.ItemCount, run.FactorRank, run.RecommendationRows, run.SimilarRows, run.PopularRows));
        Assert.NotNull(run.LoadedAt);
        Assert.True(run.PublishedAt >= run.LoadedAt);
    }

    private static async Task<string> ExplainAsync(Npgsql.NpgsqlDataSource dataSource, string query)
    {
        await using var command = dataSource.CreateCommand("EXPLAIN " + query);
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }
        return string.Join("\n", lines);
    }
}
