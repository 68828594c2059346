using Npgsql;
using NpgsqlTypes;
using SparkRecs.Core.Errors;
using SparkRecs.Postgres.Publishing;
using SparkRecs.Postgres.Tests.Support;

namespace SparkRecs.Postgres.Tests.Publishing;

/// <summary>
/// Runs whose big tables are written by someone else: here a separate connection inserting row by
/// row with a <c>float4[]</c> parameter, the way Spark's JDBC writer sends <c>array&lt;float&gt;</c>.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PublisherExternalLoadTests(PostgresFixture pg)
{
    private const int Users = 6;
    private const int Width = 3;
    private const int Rank = 4;

    [Fact]
    public async Task External_load_written_by_another_connection_is_switched_live_and_served()
    {
        var (dataSource, options) = await pg.CreateMigratedAsync();
        await using var _ = dataSource;
        var publisher = new Publisher(dataSource, options);
        var driver = TestArtifacts.Create(Users, 10, Width, Rank, marker: 2f, popular: 5);

        await using var load = await publisher.BeginExternalLoadAsync(new RunInfo("m", "spark"));
        var expected = await WriteLikeExecutorsAsync(dataSource, load, Users);
        await publisher.LoadDriverTablesAsync(load, driver);
        var summary = await publisher.FinishExternalLoadAsync(load, expected);
        var switched = await publisher.PublishAsync(load.RunId, "tests");

        Assert.Equal(load.RunId, switched.LiveRunId);
        Assert.Equal(Users * Width, summary.RecommendationRows);
        Assert.Equal(5, summary.PopularRows);
        var run = await publisher.GetRunAsync(load.RunId);
        Assert.Equal(RunStatus.Live, run!.Status);
        string s = $"\"{options.Schema}\"";
        var served = await Sql.RankedAsync(dataSource, $"SELECT rank, item_key, score FROM {s}.recommend('m', 'u2', 10)");
        Assert.Equal([(1, "i2", 1f / 3), (2, "i3", 0.25f), (3, "i4", 0.2f)], served);
        var factors = await Sql.ScalarAsync<float[]>(dataSource, $"SELECT {s}.user_factors('m', 'u2')");
        Assert.Equal([2f, 0f, 0f, 1f], factors!);
        var fallback = await Sql.RankedAsync(dataSource, $"SELECT rank, item_key, score FROM {s}.recommend('m', 'nobody', 3)");
        Assert.Equal(3, fallback.Count);
        Assert.Equal(1L, await Sql.ScalarAsync<long>(dataSource,
            $"SELECT count(*) FROM pg_constraint WHERE conrelid = '{s}.recs_r{load.RunId}'::regclass AND contype = 'p'"));
    }

    [Fact]
    public async Task External_load_with_missing_rows_fails_naming_the_table_and_leaves_live_served()
    {
        var (dataSource, options) = await pg.CreateMigratedAsync();
        await using var _ = dataSource;
        var publisher = new Publisher(dataSource, options);
        long live = await publisher.LoadAndPublishAsync("m", TestArtifacts.Create(20, 10, 5, marker: 1f));

        await using var load = await publisher.BeginExternalLoadAsync(new RunInfo("m", "spark"));
        var written = await WriteLikeExecutorsAsync(dataSource, load, Users);
        await publisher.LoadDriverTablesAsync(load, TestArtifacts.Create(Users, 10, Width, Rank, marker: 2f));
        var claimed = written with { Recommendations = written.Recommendations + 3 };
        var error = await Assert.ThrowsAsync<PublishException>(() => publisher.FinishExternalLoadAsync(load, claimed));

        Assert.Contains($"recs_r{load.RunId}\" expected {Users * Width + 3} rows, found {Users * Width}", error.Message, StringComparison.Ordinal);
        Assert.Contains("live version is untouched", error.Message, StringComparison.Ordinal);
        Assert.Equal(live, (await publisher.GetLiveRunAsync("m"))!.RunId);
        Assert.Equal(RunStatus.Failed, (await publisher.GetRunAsync(load.RunId))!.Status);
        Assert.DoesNotContain(await Sql.RunTablesAsync(dataSource, options.Schema), t => t.EndsWith($"_r{load.RunId}", StringComparison.Ordinal));
        var served = await Sql.RankedAsync(dataSource, $"SELECT rank, item_key, score FROM \"{options.Schema}\".recommend('m', 'u2', 10)");
        Assert.Equal(5, served.Count);
        Assert.All(served, r => Assert.Equal(1f, r.Score));
    }

    [Fact]
    public async Task External_load_with_factor_arrays_of_the_wrong_length_fails()
    {
        var (dataSource, options) = await pg.CreateMigratedAsync();
        await using var _ = dataSource;
        var publisher = new Publisher(dataSource, options);

        await using var load = await publisher.BeginExternalLoadAsync(new RunInfo("m", "spark"));
        var written = await WriteLikeExecutorsAsync(dataSource, load, Users);
        var error = await Assert.ThrowsAsync<PublishException>(() => publisher.FinishExternalLoadAsync(load, written with { FactorRank = Rank + 1 }));

        Assert.Contains($"factor arrays are not of length {Rank + 1}", error.Message, StringComparison.Ordinal);
        Assert.Equal(RunStatus.Failed, (await publisher.GetRunAsync(load.RunId))!.Status);
    }

    [Fact]
    public async Task External_load_in_progress_is_not_cleaned_up_as_abandoned_by_another_run()
    {
        var (dataSource, options) = await pg.CreateMigratedAsync();
        await using var _ = dataSource;
        var publisher = new Publisher(dataSource, options);

        await using var load = await publisher.BeginExternalLoadAsync(new RunInfo("m", "spark"));
        long other = await publisher.BeginRunAsync(new RunInfo("m", "local"));
        await publisher.MarkFailedAsync(other, "test");
        var expected = await WriteLikeExecutorsAsync(dataSource, load, Users);
        await publisher.LoadDriverTablesAsync(load, TestArtifacts.Create(Users, 10, Width, Rank));
        await publisher.FinishExternalLoadAsync(load, expected);

        Assert.Equal(RunStatus.Ready, (await publisher.GetRunAsync(load.RunId))!.Status);
    }

    /// <summary>
    /// Appends top-N and factors as a JDBC writer does: its own connection, parameterised INSERTs,
    /// factors as a <c>float4[]</c> parameter. User u gets items u..u+2 with scores 1/(u+rank).
    /// </summary>
    private static async Task<ExternalRowCounts> WriteLikeExecutorsAsync(NpgsqlDataSource dataSource, ExternalRunLoad load, int users)
    {
        await using var executor = await dataSource.OpenConnectionAsync();
        for (int u = 0; u < users; u++)
        {
            for (int r = 1; r <= Width; r++)
            {
                await using var insert = new NpgsqlCommand($"INSERT INTO {load.Recommendations} (user_key, rank, item_key, score) VALUES (@u, @r, @i, @s)", executor);
                insert.Parameters.AddWithValue("u", $"u{u}");
                insert.Parameters.AddWithValue("r", r);
                insert.Parameters.AddWithValue("i", $"i{u + r - 1}");
                insert.Parameters.AddWithValue("s", 1f / (u + r));
                await insert.ExecuteNonQueryAsync();
            }
            await using var factors = new NpgsqlCommand($"INSERT INTO {load.UserFactors} (user_key, factors) VALUES (@k, @f)", executor);
            factors.Parameters.AddWithValue("k", $"u{u}");
            factors.Parameters.Add(new NpgsqlParameter("f", NpgsqlDbType.Array | NpgsqlDbType.Real) { Value = new[] { (float)u, 0f, 0f, 1f } });
            await factors.ExecuteNonQueryAsync();
        }
        for (int i = 0; i < 10; i++)
        {
            await using var factors = new NpgsqlCommand($"INSERT INTO {load.ItemFactors} (item_key, factors) VALUES (@k, @f)", executor);
            factors.Parameters.AddWithValue("k", $"i{i}");
            factors.Parameters.Add(new NpgsqlParameter("f", NpgsqlDbType.Array | NpgsqlDbType.Real) { Value = new[] { 0f, (float)i, 0f, 0f } });
            await factors.ExecuteNonQueryAsync();
        }
        return new ExternalRowCounts(users * Width, users, 10, Rank);
    }
}
