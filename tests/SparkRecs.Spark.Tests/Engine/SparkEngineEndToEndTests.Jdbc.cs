using SparkRecs.Core.Errors;
using SparkRecs.Pipeline;
using SparkRecs.Pipeline.Progress;
using SparkRecs.Postgres.Embedded;
using SparkRecs.Spark.Plans;
using SparkRecs.Spark.Protocol;
using SparkRecs.Spark.Tests.Fake;
using Kind = SparkRecs.Spark.Tests.Fake.FakeSparkStep.Kind;

namespace SparkRecs.Spark.Tests.Engine;

/// <summary>
/// <c>spark:writeMode jdbc</c> against the fake cluster, whose FAKE executors
/// (<see cref="FakeJdbcExecutor"/>) insert the scenario's rows into the tables the JDBC writes
/// name, through their own connection to the embedded Postgres.
/// </summary>
public sealed partial class SparkEngineEndToEndTests
{
    private static readonly PostgresJdbcTarget ExecutorTarget = new("jdbc:postgresql://db.internal:5432/sparkrecs", "spark_writer", "executor-secret");

    private async Task<(FakeSparkCluster Cluster, FakeJdbcExecutor Executor)> JdbcClusterAsync()
    {
        var cluster = Cluster();
        var executor = new FakeJdbcExecutor(await EmbeddedPostgres.EnsureStartedAsync(fixture.StateDir), SparkScenario.ServedRows);
        cluster.JdbcExecutor = executor;
        return (cluster, executor);
    }

    [Fact]
    public async Task A_jdbc_run_has_the_executors_write_top_n_and_factors_and_serves_them_after_the_switch()
    {
        var (cluster, executor) = await JdbcClusterAsync();

        var result = await NightlyRun.ExecuteAsync(Config("sparkjdbc", ("spark:writeMode", "jdbc")), ProgressReporter.Silent, ExecutorTarget, CancellationToken.None);

        long runId = result.PostgresRunId!.Value;
        Assert.Equal(runId, result.Job.LoadedRunId);
        var writes = cluster.Steps.Where(s => s.Type == Kind.JdbcWrite).ToList();
        Assert.Equal([$"sparkrecs.recs_r{runId}", $"sparkrecs.user_factors_r{runId}", $"sparkrecs.item_factors_r{runId}"], writes.Select(w => w.Text));
        Assert.Equal(
            ["sparkrecs_final_served_recommendations", "sparkrecs_final_served_user_factors", "sparkrecs_final_served_item_factors"],
            writes.Select(w => w.Plan!.Command.WriteOperation.Input.Read.NamedTable.UnparsedIdentifier));
        Assert.All(executor.Writes, w =>
        {
            Assert.Equal(WriteOperation.Types.SaveMode.Append, w.Mode);
            Assert.Equal(ExecutorTarget.Url, w.Options["url"]);
            Assert.Equal("spark_writer", w.Options["user"]);
            Assert.Equal("executor-secret", w.Options["password"]);
        });
        int counted = cluster.Steps.ToList().FindIndex(s => s.Type == Kind.Query && s.Text.Contains("AS `recommendations`", StringComparison.Ordinal));
        Assert.True(counted >= 0 && counted < cluster.Steps.ToList().FindIndex(s => s.Type == Kind.JdbcWrite), "the expected rows are counted in Spark before the writes");
        Assert.DoesNotContain(cluster.Steps, s => s.Type == Kind.Query && s.Text.Contains("_raw_recommendations`", StringComparison.Ordinal));
        Assert.Equal(["model-1", "model-2"], cluster.Steps.Where(s => s.Type == Kind.Delete).Select(s => s.Text));

        Assert.Equal(("spark", "live"), await RunAsync(runId));
        for (int u = 0; u < 4; u++)
        {
            Assert.Equal(SparkScenario.TopNOf(u), await ServedAsync("sparkjdbc", SparkScenario.UserKey(u)));
        }
        Assert.Equal(SparkScenario.Users, await CountAsync("SELECT COUNT(*) FROM sparkrecs.user_factors_sparkjdbc WHERE array_length(factors, 1) = 2"));
        Assert.Equal(SparkScenario.Items * 2, await CountAsync("SELECT COUNT(*) FROM sparkrecs.similar_items_sparkjdbc"));
        Assert.Equal(4, await CountAsync("SELECT COUNT(*) FROM sparkrecs.popular_sparkjdbc"));
        Assert.Equal(SparkScenario.Users * SparkScenario.TopN, await CountAsync($"SELECT recommendation_rows FROM sparkrecs.runs WHERE run_id = {runId}"));
    }

    [Fact]
    public async Task A_jdbc_run_whose_executors_lose_rows_fails_naming_the_table_and_leaves_the_live_run_served()
    {
        Cluster();
        var first = await NightlyRun.ExecuteAsync(Config("sparkjdbclost"), ProgressReporter.Silent, CancellationToken.None);
        var served = await ServedAsync("sparkjdbclost", "u03");
        var (cluster, executor) = await JdbcClusterAsync();
        executor.DropRows = 1;

        var error = await Assert.ThrowsAsync<PublishException>(() =>
            NightlyRun.ExecuteAsync(Config("sparkjdbclost", ("spark:writeMode", "jdbc")), ProgressReporter.Silent, ExecutorTarget, CancellationToken.None));

        Assert.Matches(@"recs_r(\d+)"" expected 120 rows, found 119", error.Message);
        Assert.Contains("live version is untouched", error.Message, StringComparison.Ordinal);
        long failed = long.Parse(System.Text.RegularExpressions.Regex.Match(error.Message, @"recs_r(\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(("spark", "failed"), await RunAsync(failed));
        Assert.Equal(0, await CountAsync($"SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'sparkrecs' AND tablename LIKE '%\\_r{failed}'"));
        Assert.Equal(first.PostgresRunId, await LiveRunAsync("sparkjdbclost"));
        Assert.Equal(served, await ServedAsync("sparkjdbclost", "u03"));
        Assert.Equal(Kind.Release, cluster.Steps[^1].Type);
        Assert.Equal(2, cluster.Steps.Count(s => s.Type == Kind.Delete));
    }

    [Fact]
    public async Task A_jdbc_run_without_a_publishing_target_is_refused_by_key_before_any_work()
    {
        var cluster = Cluster();

        var error = await Assert.ThrowsAsync<ConfigurationException>(() =>
            NightlyRun.ExecuteAsync(Config("sparkjdbcnever", ("spark:writeMode", "jdbc"), ("run:publish", "never")), ProgressReporter.Silent, ExecutorTarget, CancellationToken.None));

        Assert.Contains("spark:writeMode", error.Message, StringComparison.Ordinal);
        Assert.Empty(cluster.Steps);
    }
}
