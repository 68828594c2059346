using Google.Protobuf;
using SparkRecs.Spark.Connect;
using SparkRecs.Spark.Plans;
using SparkRecs.Spark.Protocol;
using SparkRecs.Spark.Tests.Fake;

namespace SparkRecs.Spark.Tests.Connect;

/// <summary>Session handling and the client's calls, against the fake server.</summary>
public sealed class SparkConnectClientTests : IAsyncLifetime
{
    private FakeSparkConnectServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeSparkConnectServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static ExecutePlanResponse Batch(long rows, byte[] data, string serverSession = "") =>
        new() { ServerSideSessionId = serverSession, ArrowBatch = new ExecutePlanResponse.Types.ArrowBatch { RowCount = rows, Data = ByteString.CopyFrom(data) } };

    private static ExecutePlanResponse Complete(string serverSession = "") =>
        new() { ServerSideSessionId = serverSession, ResultComplete = new ExecutePlanResponse.Types.ResultComplete() };

    [Fact]
    public async Task Every_request_carries_the_session_id_user_context_and_client_type()
    {
        _server.EnqueueVersion("4.0.1");
        _server.Enqueue("ExecutePlan", FakeReply.Ok(Complete()));
        await using SparkConnectClient client = _server.Client(";user_id=recs-batch");

        await client.SparkVersionAsync();
        await client.ExecuteAsync(new Plan { Root = SparkRelations.Sql("SELECT 1") });

        Assert.True(Guid.TryParseExact(client.SessionId, "D", out _));
        AnalyzePlanRequest analyze = _server.CallsOf("AnalyzePlan").Single().Request(AnalyzePlanRequest.Parser);
        ExecutePlanRequest execute = _server.CallsOf("ExecutePlan").Single().Request(ExecutePlanRequest.Parser);
        Assert.Equal(client.SessionId, analyze.SessionId);
        Assert.Equal(client.SessionId, execute.SessionId);
        Assert.Equal("recs-batch", analyze.UserContext.UserId);
        Assert.Equal("recs-batch", execute.UserContext.UserId);
        Assert.StartsWith("sparkrecs/", execute.ClientType);
        Assert.Equal(AnalyzePlanRequest.AnalyzeOneofCase.SparkVersion, analyze.AnalyzeCase);
    }

    [Fact]
    public async Task The_session_id_of_the_connection_string_is_used()
    {
        _server.EnqueueVersion("4.0.1");
        await using SparkConnectClient client = _server.Client(";session_id=550e8400-e29b-41d4-a716-446655440000");

        await client.SparkVersionAsync();

        Assert.Equal("550e8400-e29b-41d4-a716-446655440000", _server.CallsOf("AnalyzePlan").Single().Request(AnalyzePlanRequest.Parser).SessionId);
    }

    [Fact]
    public async Task Two_clients_get_different_session_ids()
    {
        await using SparkConnectClient first = _server.Client();
        await using SparkConnectClient second = _server.Client();

        Assert.NotEqual(first.SessionId, second.SessionId);
    }

    [Fact]
    public async Task Each_execution_gets_a_uuid_operation_id_and_a_response_for_another_operation_is_refused()
    {
        _server.Enqueue("ExecutePlan", FakeReply.Ok(new ExecutePlanResponse { OperationId = "someone-else", ResultComplete = new() }));
        await using SparkConnectClient client = _server.Client();

        var error = await Assert.ThrowsAsync<SparkConnectException>(() => client.ExecuteAsync(new Plan { Root = SparkRelations.Sql("SELECT 1") }));

        string sent = _server.CallsOf("ExecutePlan").Single().Request(ExecutePlanRequest.Parser).OperationId;
        Assert.True(Guid.TryParseExact(sent, "D", out _));
        Assert.Contains("someone-else", error.Message);
    }

    [Fact]
    public async Task The_observed_server_side_session_is_sent_back_on_later_requests()
    {
        _server.EnqueueVersion("4.0.1", serverSideSessionId: "server-session-1");
        _server.Enqueue("ExecutePlan", FakeReply.Ok(Complete("server-session-1")));
        await using SparkConnectClient client = _server.Client();

        await client.SparkVersionAsync();
        await client.ExecuteAsync(new Plan { Root = SparkRelations.Sql("SELECT 1") });

        Assert.False(_server.CallsOf("AnalyzePlan").Single().Request(AnalyzePlanRequest.Parser).HasClientObservedServerSideSessionId);
        Assert.Equal("server-session-1", _server.CallsOf("ExecutePlan").Single().Request(ExecutePlanRequest.Parser).ClientObservedServerSideSessionId);
        Assert.Equal("server-session-1", client.ServerSideSessionId);
    }

    [Fact]
    public async Task A_changed_server_side_session_fails_the_call_because_views_and_models_are_gone()
    {
        _server.EnqueueVersion("4.0.1", serverSideSessionId: "before-restart");
        _server.Enqueue("ExecutePlan", FakeReply.Ok(Complete("after-restart")));
        await using SparkConnectClient client = _server.Client();
        await client.SparkVersionAsync();

        var error = await Assert.ThrowsAsync<SparkConnectException>(() => client.ExecuteAsync(new Plan { Root = SparkRelations.Sql("SELECT 1") }));

        Assert.Equal(GrpcStatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("before-restart", error.Message);
        Assert.Contains("after-restart", error.Message);
        Assert.Contains("Rerun", error.Message);
    }

    [Fact]
    public async Task Sql_returns_the_arrow_batches_with_their_bytes_and_row_counts()
    {
        byte[] first = [0xFF, 0xFF, 0xFF, 0xFF, 1, 2, 3];
        byte[] second = [0xFF, 0xFF, 0xFF, 0xFF, 9];
        _server.Enqueue("ExecutePlan", FakeReply.Ok(Batch(3, first), Batch(1, second), Complete()));
        await using SparkConnectClient client = _server.Client();

        IReadOnlyList<ArrowBatch> batches = await client.SqlAsync("SELECT id FROM range(4)");

        Assert.Equal([3L, 1L], batches.Select(b => b.RowCount));
        Assert.Equal(first, batches[0].Data.ToArray());
        Assert.Equal(second, batches[1].Data.ToArray());
        Assert.Equal("SELECT id FROM range(4)", _server.CallsOf("ExecutePlan").Single().Request(ExecutePlanRequest.Parser).Plan.Root.Sql.Query);
    }

    [Fact]
    public async Task Execute_gathers_the_ml_result_and_the_completion_marker()
    {
        var fitted = new MlCommandResult { OperatorInfo = new MlCommandResult.Types.MlOperatorInfo { ObjRef = new ObjectRef { Id = "model-42" } } };
        _server.Enqueue("ExecutePlan", FakeReply.Ok(new ExecutePlanResponse { MlCommandResult = fitted }, Complete()));
        await using SparkConnectClient client = _server.Client();

        MlCommandResult result = await client.ExecuteMlCommandAsync(SparkAlsPlans.Fit(new Core.Factorization.AlsOptions(), SparkRelations.Table("train"), "als_000000000001"));

        Assert.Equal("model-42", SparkAlsPlans.ModelIdOf(result));
        Assert.Equal(MlCommand.CommandOneofCase.Fit, _server.CallsOf("ExecutePlan").Single().Request(ExecutePlanRequest.Parser).Plan.Command.MlCommand.CommandCase);
    }

    [Fact]
    public async Task An_ml_command_answered_without_an_ml_result_is_an_error()
    {
        _server.Enqueue("ExecutePlan", FakeReply.Ok(Complete()));
        await using SparkConnectClient client = _server.Client();

        var error = await Assert.ThrowsAsync<SparkConnectException>(() => client.ExecuteMlCommandAsync(SparkAlsPlans.Fit(new Core.Factorization.AlsOptions(), SparkRelations.Table("train"), "als_000000000001")));

        Assert.Contains("ml_command_result", error.Message);
    }

    [Fact]
    public async Task Spark_version_is_read_from_analyze_plan()
    {
        _server.EnqueueVersion("4.1.0-preview2");
        await using SparkConnectClient client = _server.Client();

        SparkServerVersion version = await client.SparkVersionAsync();

        Assert.Equal((4, 1, "4.1.0-preview2"), (version.Major, version.Minor, version.Text));
    }

    [Fact]
    public async Task Ml_support_is_refused_on_spark_3_5_with_the_version_and_what_to_do()
    {
        _server.EnqueueVersion("3.5.3");
        await using SparkConnectClient client = _server.Client();

        var error = await Assert.ThrowsAsync<SparkConnectException>(() => client.RequireMlSupportAsync());

        Assert.Equal(GrpcStatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("3.5.3", error.Message);
        Assert.Contains("4.0", error.Message);
        Assert.Contains("local engine", error.Message);
    }

    [Fact]
    public async Task Ml_support_is_accepted_from_spark_4_0()
    {
        _server.EnqueueVersion("4.0.0");
        await using SparkConnectClient client = _server.Client();

        SparkServerVersion version = await client.RequireMlSupportAsync();

        Assert.True(version.SupportsConnectMl);
    }

    [Fact]
    public async Task Set_conf_sends_every_pair_and_returns_the_server_warnings()
    {
        _server.Enqueue("Config", FakeReply.Ok(new ConfigResponse { Warnings = { "spark.sql.legacy.x is deprecated" } }));
        await using SparkConnectClient client = _server.Client();

        IReadOnlyList<string> warnings = await client.SetConfAsync(new Dictionary<string, string>
        {
            ["spark.sql.shuffle.partitions"] = "64",
            ["spark.sql.session.timeZone"] = "UTC",
        });

        ConfigRequest request = _server.CallsOf("Config").Single().Request(ConfigRequest.Parser);
        Assert.Equal(
            [("spark.sql.shuffle.partitions", "64"), ("spark.sql.session.timeZone", "UTC")],
            request.Operation.Set.Pairs.Select(p => (p.Key, p.Value)));
        Assert.Equal(["spark.sql.legacy.x is deprecated"], warnings);
    }

    [Fact]
    public async Task Interrupt_all_asks_for_every_operation_of_the_session()
    {
        _server.Enqueue("Interrupt", FakeReply.Ok(new InterruptResponse { InterruptedIds = { "op-1", "op-2" } }));
        await using SparkConnectClient client = _server.Client();

        IReadOnlyList<string> interrupted = await client.InterruptAllAsync();

        InterruptRequest request = _server.CallsOf("Interrupt").Single().Request(InterruptRequest.Parser);
        Assert.Equal(InterruptRequest.Types.InterruptType.All, request.InterruptType);
        Assert.Equal(client.SessionId, request.SessionId);
        Assert.Equal(["op-1", "op-2"], interrupted);
    }

    [Fact]
    public async Task Released_session_refuses_further_calls_and_dispose_does_not_release_twice()
    {
        SparkConnectClient client = _server.Client();

        await client.ReleaseSessionAsync();
        await Assert.ThrowsAsync<InvalidOperationException>(() => client.SparkVersionAsync());
        await client.DisposeAsync();

        RecordedCall release = _server.CallsOf("ReleaseSession").Single();
        Assert.Equal(client.SessionId, release.Request(ReleaseSessionRequest.Parser).SessionId);
    }

    [Fact]
    public async Task Dispose_releases_the_session()
    {
        SparkConnectClient client = _server.Client();

        await client.DisposeAsync();

        Assert.Equal(client.SessionId, _server.CallsOf("ReleaseSession").Single().Request(ReleaseSessionRequest.Parser).SessionId);
    }

    [Fact]
    public async Task Dispose_swallows_a_failed_release_because_the_server_expires_sessions_itself()
    {
        _server.Enqueue("ReleaseSession", FakeReply.TrailersOnlyError(GrpcStatusCode.Unavailable, "shutting down"));
        SparkConnectClient client = _server.Client();

        await client.DisposeAsync();

        Assert.Single(_server.CallsOf("ReleaseSession"));
    }

    [Fact]
    public async Task Concurrent_calls_on_one_client_all_complete()
    {
        for (int i = 0; i < 8; i++)
        {
            _server.EnqueueVersion("4.0.1");
        }
        await using SparkConnectClient client = _server.Client();

        SparkServerVersion[] versions = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.SparkVersionAsync()));

        Assert.All(versions, v => Assert.Equal("4.0.1", v.Text));
    }

    [Fact]
    public async Task A_disposed_client_refuses_calls()
    {
        SparkConnectClient client = _server.Client();
        await client.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => client.SparkVersionAsync());
    }
}
