using Npgsql;
using SparkRecs.Core.Errors;
using SparkRecs.Core.Recommend;
using SparkRecs.Postgres.Loading;
using SparkRecs.Postgres.Tests.Support;

namespace SparkRecs.Postgres.Tests.Loading;

[Collection(PostgresCollection.Name)]
public sealed class BulkLoaderTests(PostgresFixture pg)
{
    [Fact]
    public async Task Loaded_rows_really_arrive_with_the_counts_and_values_sent()
    {
        var (dataSource, options) = await pg.CreateMigratedAsync();
        await using var _ = dataSource;
        var artifacts = TestArtifacts.Create(users: 50, items: 30, width: 8, rank: 5, marker: 2f, shortEvery: 5);
        await using var connection = await dataSource.OpenConnectionAsync();

        var summary = await new BulkLoader(options.Schema).LoadAsync(connection, 7, artifacts);

        long expectedRecs = Enumerable.Range(0, 50).Sum(u => (long)artifacts.Recommendations.Length(u));
        Assert.Equal(10 * 4 + 40 * 8, expectedRecs);
        Assert.Equal(expectedRecs, summary.RecommendationRows);
        string s = $"\"{options.Schema}\"";
        Assert.Equal(expectedRecs, await Sql.ScalarAsync<long>(dataSource, $"SELECT count(*) FROM {s}.recs_r7"));
        Assert.Equal(50L, await Sql.ScalarAsync<long>(dataSource, $"SELECT count(*) FROM {s}.user_factors_r7"));
        Assert.Equal(30L, await Sql.ScalarAsync<long>(dataSource, $"SELECT count(*) FROM {s}.item_factors_r7"));
        Assert.Equal(30L * 8, await Sql.ScalarAsync<long>(dataSource, $"SELECT count(*) FROM {s}.similar_r7"));
        Assert.Equal(10L, await Sql.ScalarAsync<long>(dataSource, $"SELECT count(*) FROM {s}.popular_r7"));

        var u3 = await Sql.RankedAsync(dataSource, $"SELECT rank, item_key, score FROM {s}.recs_r7 WHERE user_key = 'u3' ORDER BY rank");
        Assert.Equal(Enumerable.Range(1, 8), u3.Select(r => r.Rank));
        Assert.Equal(Enumerable.Range(0, 8).Select(k => $"i{(3 + k * 7 + 2) % 30}"), u3.Select(r => r.Item));
        Assert.All(u3, r => Assert.Equal(2f, r.Score));
        // A short list (user 5 has 4 real entries) stops at its padding.
        Assert.Equal(4L, await Sql.ScalarAsync<long>(dataSource, $"SELECT count(*) FROM {s}.recs_r7 WHERE user_key = 'u5'"));
    }

    [Fact]
    public async Task Factors_round_trip_exactly_as_real_arrays()
    {
        var (dataSource, options) = await pg.CreateMigratedAsync();
        await using var _ = dataSource;
        var artifacts = TestArtifacts.Create(users: 20, items: 12, width: 5, rank: 6, marker: 0.3f);
        await using var connection = await dataSource.OpenConnectionAsync();

        await new BulkLoader(options.Schema).LoadAsync(connection, 1, artifacts);

        string s = $"\"{options.Schema}\"";
        await using var users = dataSource.CreateCommand($"SELECT user_key, factors FROM {s}.user_factors_r1");
        int seen = 0;
        await using (var reader = await users.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                int u = artifacts.UserKeys.TryGetId(reader.GetString(0), out int id) ? id : -1;
                Assert.Equal(artifacts.UserFactors.Row(u).ToArray(), reader.GetFieldValue<float[]>(1));
                seen++;
            }
        }
        Assert.Equal(20, seen);
        float[]? item11 = await Sql.ScalarAsync<float[]>(dataSource, $"SELECT factors FROM {s}.item_factors_r1 WHERE item_key = 'i11'");
        Assert.Equal(artifacts.ItemFactors.Row(11).ToArray(), item11);
    }

    [Fact]
    public async Task Keys_are_built_after_the_copy_and_statistics_are_gathered()
    {
        var (dataSource, options) = await pg.CreateMigratedAsync();
        await using var _ = dataSource;
        await using var connection = await dataSource.OpenConnectionAsync();

        await new BulkLoader(options.Schema).LoadAsync(connection, 2, TestArtifacts.Create(users: 40, items: 20, width: 4));

        long keys = await Sql.ScalarAsync<long>(dataSource,
            "SELECT count(*) FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = @s AND c.contype = 'p' AND c.conrelid::regclass::text ~ '_r2$'", ("s", options.Schema));
        Assert.Equal(5L, keys);
        long analysed = await Sql.ScalarAsync<long>(dataSource,
            "SELECT count(*) FROM pg_stat_user_tables WHERE schemaname = @s AND relname ~ '_r2$' AND last_analyze IS NOT NULL", ("s", options.Schema));
        Assert.Equal(5L, analysed);
    }

    [Fact]
    public async Task Progress_is_reported_while_copying_and_once_per_completed_table()
    {
        var (dataSource, options) = await pg.CreateMigratedAsync();
        await using var _ = dataSource;
        await using var connection = await dataSource.OpenConnectionAsync();
        var reports = new List<LoadProgress>();

        await new BulkLoader(options.Schema) { ProgressInterval = 100 }.LoadAsync(connection, 3, TestArtifacts.Create(users: 60, items: 20, width: 10), new ImmediateProgress(reports.Add));

        Assert.Equal(["recs_r3", "user_factors_r3", "item_factors_r3", "similar_r3", "popular_r3"], reports.Where(r => r.Completed).Select(r => r.Table));
        Assert.Equal([100L, 200L, 300L, 400L, 500L, 600L], reports.Where(r => r.Table == "recs_r3" && !r.Completed).Select(r => r.Rows));
        Assert.Equal(600L, reports.Single(r => r.Table == "recs_r3" && r.Completed).Rows);
    }

    [Fact]
    public async Task Cancelling_mid_copy_disposes_the_importer_without_complete_and_writes_nothing_of_that_table()
    {
        var (dataSource, options) = await pg.CreateMigratedAsync();
        await using var _ = dataSource;
        await using var connection = await dataSource.OpenConnectionAsync();
        using var cancel = new CancellationTokenSource();
        var progress = new ImmediateProgress(p =>
        {
            if (p.Table == "user_factors_r6" && !p.Completed)
            {
                cancel.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new BulkLoader(options.Schema) { ProgressInterval = 10 }.LoadAsync(connection, 6, TestArtifacts.Create(users: 100, items: 20, width: 5), progress, cancel.Token));

        // The completed first table stays (dropped later by clean-up); the cancelled one never existed.
        Assert.Equal(["recs_r6"], await Sql.RunTablesAsync(dataSource, options.Schema));
        Assert.Equal(500L, await Sql.ScalarAsync<long>(dataSource, $"SELECT count(*) FROM \"{options.Schema}\".recs_r6"));
    }

    [Fact]
    public async Task Inconsistent_artifacts_are_rejected_before_any_table_is_created()
    {
        var (dataSource, options) = await pg.CreateMigratedAsync();
        await using var _ = dataSource;
        var good = TestArtifacts.Create(users: 10, items: 8, width: 3);
        var bad = good with { Recommendations = new TopNLists(9, 3) };
        await using var connection = await dataSource.OpenConnectionAsync();

        var error = await Assert.ThrowsAsync<DataException>(() => new BulkLoader(options.Schema).LoadAsync(connection, 4, bad));

        Assert.Contains("user count", error.Message, StringComparison.Ordinal);
        Assert.Empty(await Sql.RunTablesAsync(dataSource, options.Schema));
    }

    [Fact]
    public async Task An_item_id_outside_the_catalogue_fails_the_load_and_leaves_no_table_behind()
    {
        var (dataSource, options) = await pg.CreateMigratedAsync();
        await using var _ = dataSource;
        var artifacts = TestArtifacts.Create(users: 10, items: 8, width: 3);
        artifacts.Recommendations.Items(6)[1] = 99;
        await using var connection = await dataSource.OpenConnectionAsync();

        var error = await Assert.ThrowsAsync<DataException>(() => new BulkLoader(options.Schema).LoadAsync(connection, 5, artifacts));

        Assert.Contains("item id 99", error.Message, StringComparison.Ordinal);
        Assert.Empty(await Sql.RunTablesAsync(dataSource, options.Schema));
        Assert.Equal(System.Data.ConnectionState.Open, connection.State);
    }

    private sealed class ImmediateProgress(Action<LoadProgress> report) : IProgress<LoadProgress>
    {
        public void Report(LoadProgress value) => report(value);
    }
}
