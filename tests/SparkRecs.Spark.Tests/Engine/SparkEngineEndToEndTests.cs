using Npgsql;
using SparkRecs.Core.Errors;
using SparkRecs.Pipeline;
using SparkRecs.Pipeline.Progress;
using SparkRecs.Spark.Connect;
using SparkRecs.Spark.Tests.Fake;
using Kind = SparkRecs.Spark.Tests.Fake.FakeSparkStep.Kind;

namespace SparkRecs.Spark.Tests.Engine;

/// <summary>
/// The whole <c>run</c> with <c>run:engine spark</c> against the FAKE cluster (scripted Arrow rows,
/// see <see cref="SparkScenario"/>) and the real embedded Postgres. Proves the engine sends the
/// sequence of plans below, turns the answers into the same Postgres result as the local engine,
/// and keeps the live run served and the session released whatever fails. It does not prove that
/// Spark accepts the SQL and plans (the opt-in real-server tests do).
/// </summary>
public sealed partial class SparkEngineEndToEndTests(SparkEngineFixture fixture) : IClassFixture<SparkEngineFixture>
{
    private readonly SparkScenario _scenario = new();

    private FakeSparkCluster Cluster()
    {
        var cluster = new FakeSparkCluster(fixture.Server) { Rows = _scenario.Answer };
        return cluster;
    }

    private Pipeline.Config.JobConfig Config(string model, params (string Key, string Value)[] extra) =>
        SparkScenario.Config(fixture.Folder, fixture.Server.ConnectionString(), model, extra);

    [Fact]
    public async Task A_spark_run_sends_the_plan_sequence_and_publishes_the_clusters_recommendations()
    {
        var cluster = Cluster();

        var result = await NightlyRun.ExecuteAsync(Config("sparkpass"), ProgressReporter.Silent, CancellationToken.None);

        Assert.True(result.Job.Published);
        Assert.Equal("spark", result.Job.Engine);
        var steps = cluster.Steps;
        Assert.Equal(
            [Kind.Version, Kind.Config, Kind.View, Kind.SqlCommand, Kind.Query, Kind.SqlCommand, Kind.SqlCommand, Kind.Query,
             Kind.SqlCommand, Kind.SqlCommand, Kind.SqlCommand, Kind.SqlCommand, Kind.SqlCommand, Kind.Fit, Kind.View, Kind.View, Kind.Query, Kind.Query, Kind.Delete,
             Kind.SqlCommand, Kind.SqlCommand, Kind.SqlCommand, Kind.SqlCommand, Kind.Fit, Kind.View, Kind.View, Kind.Query, Kind.Query,
             Kind.Query, Kind.View, Kind.Query, Kind.Delete, Kind.Release],
            steps.Select(s => s.Type));
        Assert.Equal("spark.sql.session.timeZone=UTC", steps[1].Text);

        var source = steps[2].Plan!.Command.CreateDataframeView.Input.Read.DataSource;
        Assert.Equal("csv", source.Format);
        Assert.Equal(["s3a://lake/events"], source.Paths);
        Assert.Equal("true", source.Options["header"]);
        Assert.Contains("BETWEEN DATE'2026-01-01' AND DATE'2026-01-10'", steps[3].Text);
        Assert.Equal("CACHE TABLE `sparkrecs_events`", steps[6].Text);
        Assert.Contains("WHERE ts_ms < " + new DateTimeOffset(2026, 1, 8, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), steps[8].Text);

        var fits = steps.Where(s => s.Type == Kind.Fit).ToList();
        Assert.Equal(["sparkrecs_eval_ids", "sparkrecs_final_ids"], fits.Select(f => f.Text));
        var parameters = fits[1].Plan!.Command.MlCommand.Fit.Params.Params;
        Assert.Equal(SparkScenario.Rank, parameters["rank"].Integer);
        Assert.Equal(5, parameters["maxIter"].Integer);
        Assert.Equal(4, parameters["numUserBlocks"].Integer);
        Assert.True(parameters["implicitPrefs"].Boolean);

        var recommend = steps[29].Plan!.Command.CreateDataframeView;
        Assert.Equal("sparkrecs_final_raw_recommendations", recommend.Name);
        var method = recommend.Input.MlRelation.Fetch.Methods.Single();
        Assert.Equal("recommendForAllUsers", method.Method_);
        Assert.Equal(SparkScenario.TopN + SparkScenario.MaxSeen, method.Args.Single().Param.Integer);
        Assert.Equal("model-2", recommend.Input.MlRelation.Fetch.ObjRef.Id);
        Assert.Equal(["model-1", "model-2"], steps.Where(s => s.Type == Kind.Delete).Select(s => s.Text));

        for (int u = 0; u < 3; u++)
        {
            Assert.Equal(SparkScenario.TopNOf(u), await ServedAsync("sparkpass", SparkScenario.UserKey(u)));
        }
        Assert.Equal(("spark", "live"), await RunAsync(result.PostgresRunId!.Value));
        Assert.Equal(SparkScenario.Users, await CountAsync("SELECT COUNT(*) FROM sparkrecs.user_factors_sparkpass"));
        Assert.Equal(SparkScenario.Items, await CountAsync("SELECT COUNT(*) FROM sparkrecs.item_factors_sparkpass"));
    }

    [Fact]
    public async Task The_evaluation_of_the_clusters_model_beats_popularity_on_the_scripted_tastes()
    {
        Cluster();

        var result = await NightlyRun.ExecuteAsync(Config("sparkeval"), ProgressReporter.Silent, CancellationToken.None);

        var evaluation = result.Job.Evaluation!;
        Assert.Equal(1.0, evaluation.Als.Metrics["ndcg@10"].Value, 6);
        Assert.True(evaluation.Popularity.Metrics["ndcg@10"].Value < 0.9);
        Assert.Equal(SparkScenario.Users, evaluation.Als.UserCount);
    }

    [Fact]
    public async Task Without_retraining_the_evaluated_model_serves_and_is_the_only_fit()
    {
        var cluster = Cluster();

        var result = await NightlyRun.ExecuteAsync(Config("sparknoretrain", ("recommend:retrainOnFullWindow", "false")), ProgressReporter.Silent, CancellationToken.None);

        Assert.True(result.Job.Published);
        Assert.Equal(["sparkrecs_eval_ids"], cluster.Steps.Where(s => s.Type == Kind.Fit).Select(s => s.Text));
        var recommend = cluster.Steps.Single(s => s.Type == Kind.View && s.Text.EndsWith("_raw_recommendations", StringComparison.Ordinal));
        Assert.Equal("sparkrecs_eval_raw_recommendations", recommend.Text);
        Assert.Equal(["model-1"], cluster.Steps.Where(s => s.Type == Kind.Delete).Select(s => s.Text));
        Assert.Equal(SparkScenario.TopNOf(5), await ServedAsync("sparknoretrain", SparkScenario.UserKey(5)));
        Assert.Equal(new DateTimeOffset(2026, 1, 4, 23, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), result.Job.WindowToMs);
    }

    [Fact]
    public async Task Without_evaluation_one_model_is_fitted_on_the_whole_window_and_published()
    {
        var cluster = Cluster();

        var result = await NightlyRun.ExecuteAsync(Config("sparknoeval", ("evaluation:enabled", "false"), ("gate:enabled", "false")), ProgressReporter.Silent, CancellationToken.None);

        Assert.True(result.Job.Published);
        Assert.Null(result.Job.Evaluation);
        Assert.Equal(["sparkrecs_final_ids"], cluster.Steps.Where(s => s.Type == Kind.Fit).Select(s => s.Text));
        Assert.DoesNotContain(cluster.Steps, s => s.Text.Contains("sparkrecs_train", StringComparison.Ordinal));
        Assert.Equal(SparkScenario.TopNOf(6), await ServedAsync("sparknoeval", SparkScenario.UserKey(6)));
    }

    [Fact]
    public async Task A_refused_gate_leaves_the_live_run_served_and_fits_no_model_to_serve()
    {
        Cluster();
        var first = await NightlyRun.ExecuteAsync(Config("sparkgate"), ProgressReporter.Silent, CancellationToken.None);
        var served = await ServedAsync("sparkgate", "u01");
        var cluster = Cluster();

        var refused = await NightlyRun.ExecuteAsync(Config("sparkgate", ("gate:minLiftOverPopularity", "100")), ProgressReporter.Silent, CancellationToken.None);

        Assert.False(refused.Job.Published);
        Assert.Single(cluster.Steps, s => s.Type == Kind.Fit);
        Assert.Equal(["model-1"], cluster.Steps.Where(s => s.Type == Kind.Delete).Select(s => s.Text));
        Assert.Equal(Kind.Release, cluster.Steps[^1].Type);
        Assert.Equal(("spark", "failed"), await RunAsync(refused.PostgresRunId!.Value));
        Assert.Equal(first.PostgresRunId, await LiveRunAsync("sparkgate"));
        Assert.Equal(served, await ServedAsync("sparkgate", "u01"));
    }

    [Fact]
    public async Task A_spark_error_mid_run_leaves_the_live_run_served_deletes_the_cached_model_and_releases_the_session()
    {
        Cluster();
        var first = await NightlyRun.ExecuteAsync(Config("sparkfail"), ProgressReporter.Silent, CancellationToken.None);
        var served = await ServedAsync("sparkfail", "u02");
        var cluster = Cluster();
        cluster.FailWhen = step => step.Type == Kind.Query && step.Text.Contains("max_seen", StringComparison.Ordinal)
            ? "[TABLE_OR_VIEW_NOT_FOUND] executor lost" : null;

        var error = await Assert.ThrowsAsync<SparkConnectException>(() => NightlyRun.ExecuteAsync(Config("sparkfail"), ProgressReporter.Silent, CancellationToken.None));

        Assert.Equal(7, error.ExitCode);
        Assert.Contains("executor lost", error.Message);
        Assert.Equal(["model-1", "model-2"], cluster.Steps.Where(s => s.Type == Kind.Delete).Select(s => s.Text));
        Assert.Equal(Kind.Release, cluster.Steps[^1].Type);
        Assert.Equal(first.PostgresRunId, await LiveRunAsync("sparkfail"));
        Assert.Equal(served, await ServedAsync("sparkfail", "u02"));
    }

    [Fact]
    public async Task A_spark_3_5_server_is_refused_with_exit_code_7_before_any_work()
    {
        var cluster = Cluster();
        cluster.Version = "3.5.3";

        var error = await Assert.ThrowsAsync<SparkConnectException>(() => NightlyRun.ExecuteAsync(Config("sparkold"), ProgressReporter.Silent, CancellationToken.None));

        Assert.Equal(7, ((SparkRecsException)error).ExitCode);
        Assert.Contains("3.5.3", error.Message);
        Assert.Equal([Kind.Version, Kind.Release], cluster.Steps.Select(s => s.Type));
        Assert.Null(await LiveRunAsync("sparkold"));
    }

    private async Task<List<string>> ServedAsync(string model, string user)
    {
        await using var connection = await fixture.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT item_key FROM sparkrecs.recommend($1, $2, 100) ORDER BY rank", connection);
        command.Parameters.AddWithValue(model);
        command.Parameters.AddWithValue(user);
        var items = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            items.Add(reader.GetString(0));
        }
        return items;
    }

    private async Task<(string Engine, string Status)> RunAsync(long runId)
    {
        await using var connection = await fixture.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT engine, status FROM sparkrecs.runs WHERE run_id = $1", connection);
        command.Parameters.AddWithValue(runId);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetString(0), reader.GetString(1));
    }

    private async Task<long?> LiveRunAsync(string model)
    {
        await using var connection = await fixture.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT run_id FROM sparkrecs.live WHERE model = $1", connection);
        command.Parameters.AddWithValue(model);
        return await command.ExecuteScalarAsync() as long?;
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = await fixture.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
