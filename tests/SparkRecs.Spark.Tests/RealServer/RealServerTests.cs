using SparkRecs.Core.Factorization;
using SparkRecs.Spark.Connect;
using SparkRecs.Spark.Plans;
using SparkRecs.Spark.Protocol;

namespace SparkRecs.Spark.Tests.RealServer;

/// <summary>
/// Opt-in tests against a real Spark Connect server (SPARK_CONNECT_URL): the evidence the fake
/// cannot give, that Spark accepts what the client sends and answers as the client expects.
/// </summary>
public sealed class RealServerTests
{
    private static readonly SparkConnectClientOptions Options = new() { ExecuteTimeout = TimeSpan.FromMinutes(5) };

    private static SparkConnectClient Connect() => new(SparkConnectEndpoint.Parse(SparkConnectFactAttribute.ConnectionString, SparkConnectFactAttribute.Variable), Options);

    /// <summary>Arrow IPC stream messages start with the continuation marker 0xFFFFFFFF.</summary>
    private static void AssertArrowStream(ArrowBatch batch)
    {
        Assert.True(batch.Data.Length > 8, $"an Arrow batch of {batch.Data.Length} bytes");
        Assert.Equal(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF }, batch.Data.Span[..4].ToArray());
    }

    [SparkConnectFact]
    public async Task A_real_server_reports_its_spark_version()
    {
        await using SparkConnectClient client = Connect();

        SparkServerVersion version = await client.SparkVersionAsync();

        Assert.True(version.Major >= 3, $"version {version.Text}");
    }

    [SparkConnectFact]
    public async Task A_sql_query_round_trips_as_arrow_batches()
    {
        await using SparkConnectClient client = Connect();

        IReadOnlyList<ArrowBatch> batches = await client.SqlAsync("SELECT id, CAST(id * 2 AS INT) AS twice FROM range(1000)");

        Assert.Equal(1000L, batches.Sum(b => b.RowCount));
        Assert.All(batches.Where(b => b.RowCount > 0), AssertArrowStream);
    }

    [SparkConnectFact]
    public async Task Session_settings_are_accepted()
    {
        await using SparkConnectClient client = Connect();

        await client.SetConfAsync(new Dictionary<string, string> { ["spark.sql.shuffle.partitions"] = "4" });

        IReadOnlyList<ArrowBatch> batches = await client.SqlAsync("SELECT 1");
        Assert.Equal(1L, batches.Sum(b => b.RowCount));
    }

    [SparkConnectFact]
    public async Task A_spark_error_arrives_as_a_typed_exception_with_the_server_message()
    {
        await using SparkConnectClient client = Connect();

        var error = await Assert.ThrowsAsync<SparkConnectException>(() => client.SqlAsync("SELECT * FROM sparkrecs_no_such_table_4f1c"));

        Assert.Contains("sparkrecs_no_such_table_4f1c", error.Message);
        Assert.Equal("ExecutePlan", error.Rpc);
    }

    [SparkConnectFact]
    public async Task The_als_sequence_runs_end_to_end_on_spark_4()
    {
        await using SparkConnectClient client = Connect();
        await client.RequireMlSupportAsync();
        const string Events = "sparkrecs_it_events";
        await client.ExecuteAsync(SparkCommands.CreateTempView(SparkRelations.Sql(
            "SELECT * FROM VALUES ('u1','a',1.0),('u1','b',2.0),('u2','b',1.0),('u2','c',3.0),('u3','a',1.0),('u3','c',1.0),('u4','d',1.0) AS t(user_key, item_key, value)"), Events));
        await client.ExecuteAsync(SparkCommands.CreateTempView(SparkRelations.Sql(DenseIdSql.KeyIndex(Events, "user_key")), "sparkrecs_it_uids"));
        await client.ExecuteAsync(SparkCommands.CreateTempView(SparkRelations.Sql(DenseIdSql.KeyIndex(Events, "item_key")), "sparkrecs_it_iids"));
        await client.ExecuteAsync(SparkCommands.CreateTempView(SparkRelations.Sql(
            DenseIdSql.Interactions(Events, "user_key", "item_key", "value", "sparkrecs_it_uids", "sparkrecs_it_iids", AlsColumns.Default)), "sparkrecs_it_train"));

        MlCommandResult fitted = await client.ExecuteMlCommandAsync(SparkAlsPlans.Fit(new AlsOptions { Rank = 2, Iterations = 3 }, SparkRelations.Table("sparkrecs_it_train"), SparkAlsPlans.NewUid()));
        string model = SparkAlsPlans.ModelIdOf(fitted);
        try
        {
            ExecutionResult users = await client.ExecuteAsync(SparkAlsPlans.UserFactors(model));
            ExecutionResult items = await client.ExecuteAsync(SparkAlsPlans.ItemFactors(model));
            Assert.Equal((4L, 4L), (users.RowCount, items.RowCount));

            await client.ExecuteAsync(SparkCommands.CreateTempView(SparkAlsPlans.RecommendForAllUsers(model, 4), "sparkrecs_it_raw"));
            IReadOnlyList<ArrowBatch> topN = await client.SqlAsync(TopNSql.WithoutSeenItems("sparkrecs_it_raw", "sparkrecs_it_train", "sparkrecs_it_uids", "sparkrecs_it_iids", 2, AlsColumns.Default));

            // 4 items; users u1..u3 have 2 unseen items, u4 has 3 of which 2 are kept.
            Assert.Equal(8L, topN.Sum(b => b.RowCount));
        }
        finally
        {
            // ExecuteAsync, not ExecuteMlCommandAsync: whether Delete answers with a result differs between releases.
            await client.ExecuteAsync(SparkAlsPlans.Delete(model));
        }
    }
}
