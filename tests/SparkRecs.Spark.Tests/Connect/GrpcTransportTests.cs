using Google.Protobuf;
using SparkRecs.Spark.Connect;
using SparkRecs.Spark.Plans;
using SparkRecs.Spark.Protocol;
using SparkRecs.Spark.Tests.Fake;

namespace SparkRecs.Spark.Tests.Connect;

/// <summary>The gRPC-over-HttpClient transport, exercised against the fake server.</summary>
public sealed class GrpcTransportTests : IAsyncLifetime
{
    private FakeSparkConnectServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeSparkConnectServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static Plan Query => new() { Root = SparkRelations.Sql("SELECT 1") };

    private static ExecutePlanResponse Batch(long rows, params byte[] data) =>
        new() { ArrowBatch = new ExecutePlanResponse.Types.ArrowBatch { RowCount = rows, Data = ByteString.CopyFrom(data) } };

    [Fact]
    public async Task Requests_go_out_as_http2_grpc_posts_with_the_required_headers()
    {
        _server.Enqueue("ExecutePlan", FakeReply.Ok(Batch(1, 1, 2, 3)));
        await using SparkConnectClient client = _server.Client();

        await client.ExecuteAsync(Query);

        RecordedCall call = _server.CallsOf("ExecutePlan").Single();
        Assert.Equal("HTTP/2", call.Protocol);
        Assert.Equal("application/grpc", call.Header("content-type"));
        Assert.Equal("trailers", call.Header("te"));
        Assert.Equal("identity", call.Header("grpc-accept-encoding"));
        Assert.StartsWith("sparkrecs/", call.Header("user-agent"));
        Assert.Null(call.Header("authorization"));
        Assert.Null(call.Header("grpc-timeout"));
        Assert.Equal("SELECT 1", call.Request(ExecutePlanRequest.Parser).Plan.Root.Sql.Query);
    }

    [Fact]
    public async Task The_token_is_sent_as_a_bearer_authorization_header()
    {
        _server.EnqueueVersion("4.0.1");
        await using SparkConnectClient client = _server.Client(";token=s3cret-value;use_ssl=false");

        await client.SparkVersionAsync();

        Assert.Equal("Bearer s3cret-value", _server.CallsOf("AnalyzePlan").Single().Header("authorization"));
    }

    [Fact]
    public async Task Extra_connection_string_parameters_are_sent_as_metadata_headers()
    {
        _server.EnqueueVersion("4.0.1");
        await using SparkConnectClient client = _server.Client(";x-tenant=recs");

        await client.SparkVersionAsync();

        Assert.Equal("recs", _server.CallsOf("AnalyzePlan").Single().Header("x-tenant"));
    }

    [Fact]
    public async Task Responses_are_yielded_as_they_arrive_not_after_the_stream_ends()
    {
        var secondMayGo = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _server.Enqueue("ExecutePlan", FakeReply.Ok(Batch(1, 1), Batch(2, 2)) with
        {
            BeforeMessage = (index, token) => index == 1 ? secondMayGo.Task.WaitAsync(token) : Task.CompletedTask,
        });
        await using SparkConnectClient client = _server.Client();

        var received = new List<long>();
        await foreach (ExecutePlanResponse response in client.ExecutePlanAsync(Query))
        {
            received.Add(response.ArrowBatch.RowCount);
            // The server holds the second message until the client has seen the first.
            secondMayGo.TrySetResult();
        }

        Assert.Equal([1L, 2L], received);
    }

    [Fact]
    public async Task An_error_in_the_trailers_surfaces_after_the_messages_sent_before_it()
    {
        _server.Enqueue("ExecutePlan", FakeReply.Error(GrpcStatusCode.Internal, "[TABLE_OR_VIEW_NOT_FOUND] events", Batch(1, 7)));
        await using SparkConnectClient client = _server.Client();

        var received = new List<ExecutePlanResponse>();
        var error = await Assert.ThrowsAsync<SparkConnectException>(async () =>
        {
            await foreach (ExecutePlanResponse response in client.ExecutePlanAsync(Query))
            {
                received.Add(response);
            }
        });

        Assert.Single(received);
        Assert.Equal(GrpcStatusCode.Internal, error.StatusCode);
        Assert.Equal("ExecutePlan", error.Rpc);
        Assert.Equal("[TABLE_OR_VIEW_NOT_FOUND] events", error.ServerMessage);
        Assert.Contains("ExecutePlan", error.Message);
        Assert.Contains("INTERNAL", error.Message);
        Assert.Contains($"127.0.0.1:{_server.Port}", error.Message);
        Assert.Contains("TABLE_OR_VIEW_NOT_FOUND", error.Message);
        Assert.Equal(7, error.ExitCode);
    }

    [Fact]
    public async Task Spark_error_details_name_the_exception_class_error_class_and_sql_state()
    {
        var info = new Protocol.Rpc.ErrorInfo { Reason = "org.apache.spark.sql.AnalysisException", Domain = "org.apache.spark" };
        info.Metadata.Add("errorClass", "TABLE_OR_VIEW_NOT_FOUND");
        info.Metadata.Add("sqlState", "42P01");
        var status = new Protocol.Rpc.Status { Code = 13, Message = "[TABLE_OR_VIEW_NOT_FOUND] The table `events` cannot be found." };
        status.Details.Add(Google.Protobuf.WellKnownTypes.Any.Pack(info));
        _server.Enqueue("ExecutePlan", new FakeReply { Status = GrpcStatusCode.Internal, StatusDetails = status.ToByteArray() });
        await using SparkConnectClient client = _server.Client();

        var error = await Assert.ThrowsAsync<SparkConnectException>(() => client.ExecuteAsync(Query));

        Assert.Equal("TABLE_OR_VIEW_NOT_FOUND", error.ErrorClass);
        Assert.Equal(("org.apache.spark.sql.AnalysisException", "42P01"), (error.Details!.ExceptionClass, error.Details.SqlState));
        // Without a grpc-message header the details' message is used.
        Assert.Equal("[TABLE_OR_VIEW_NOT_FOUND] The table `events` cannot be found.", error.ServerMessage);
        Assert.Contains("org.apache.spark.sql.AnalysisException, error class TABLE_OR_VIEW_NOT_FOUND, SQL state 42P01", error.Message);
    }

    [Fact]
    public async Task Undecodable_error_details_are_ignored_and_the_status_still_reported()
    {
        _server.Enqueue("ExecutePlan", FakeReply.Error(GrpcStatusCode.Internal, "boom") with { StatusDetails = [0xFF, 0x01, 0x02] });
        await using SparkConnectClient client = _server.Client();

        var error = await Assert.ThrowsAsync<SparkConnectException>(() => client.ExecuteAsync(Query));

        Assert.Equal(("boom", null), (error.ServerMessage, error.Details));
    }

    [Fact]
    public async Task A_trailers_only_error_is_read_from_the_response_headers()
    {
        _server.Enqueue("AnalyzePlan", FakeReply.TrailersOnlyError(GrpcStatusCode.PermissionDenied, "user bob may not use this cluster"));
        await using SparkConnectClient client = _server.Client();

        var error = await Assert.ThrowsAsync<SparkConnectException>(() => client.SparkVersionAsync());

        Assert.Equal(GrpcStatusCode.PermissionDenied, error.StatusCode);
        Assert.Equal("user bob may not use this cluster", error.ServerMessage);
        Assert.Contains("PERMISSION_DENIED", error.Message);
    }

    [Fact]
    public async Task A_trailers_only_ok_is_a_stream_of_no_messages_but_not_a_valid_unary_answer()
    {
        _server.Enqueue("ExecutePlan", new FakeReply { TrailersOnly = true });
        _server.Enqueue("AnalyzePlan", new FakeReply { TrailersOnly = true });
        await using SparkConnectClient client = _server.Client();

        ExecutionResult result = await client.ExecuteAsync(Query);
        var error = await Assert.ThrowsAsync<SparkConnectException>(() => client.SparkVersionAsync());

        Assert.Empty(result.Batches);
        Assert.Contains("no message", error.Message);
    }

    [Fact]
    public async Task A_percent_encoded_grpc_message_is_decoded()
    {
        _server.Enqueue("ExecutePlan", FakeReply.Error(GrpcStatusCode.InvalidArgument, "column `naïve score` 100% unknown\nsee log"));
        await using SparkConnectClient client = _server.Client();

        var error = await Assert.ThrowsAsync<SparkConnectException>(() => client.ExecuteAsync(Query));

        Assert.Equal("column `naïve score` 100% unknown\nsee log", error.ServerMessage);
    }

    [Fact]
    public async Task An_unauthenticated_error_never_shows_the_token()
    {
        _server.Enqueue("AnalyzePlan", FakeReply.TrailersOnlyError(GrpcStatusCode.Unauthenticated, "invalid bearer token"));
        await using SparkConnectClient client = _server.Client(";token=top-secret-token;use_ssl=false");

        var error = await Assert.ThrowsAsync<SparkConnectException>(() => client.SparkVersionAsync());

        Assert.Equal(GrpcStatusCode.Unauthenticated, error.StatusCode);
        Assert.DoesNotContain("top-secret-token", error.Message);
        Assert.DoesNotContain("top-secret-token", error.ToString());
        Assert.Contains("token", error.Message);
    }

    [Fact]
    public async Task A_compressed_frame_is_refused_with_a_clear_message()
    {
        _server.Enqueue("ExecutePlan", FakeReply.Ok(Batch(1, 1)) with { FlagCompressed = true });
        await using SparkConnectClient client = _server.Client();

        var error = await Assert.ThrowsAsync<SparkConnectException>(() => client.ExecuteAsync(Query));

        Assert.Contains("compressed", error.Message);
        Assert.Contains("grpc-accept-encoding: identity", error.Message);
    }

    [Fact]
    public async Task A_stream_without_a_status_trailer_is_a_protocol_error_not_a_success()
    {
        _server.Enqueue("ExecutePlan", FakeReply.Ok(Batch(1, 1)) with { OmitStatus = true });
        await using SparkConnectClient client = _server.Client();

        var error = await Assert.ThrowsAsync<SparkConnectException>(() => client.ExecuteAsync(Query));

        Assert.Contains("grpc-status", error.Message);
    }

    [Fact]
    public async Task An_http_error_status_maps_to_the_grpc_code_the_specification_gives()
    {
        _server.Enqueue("AnalyzePlan", new FakeReply { HttpStatus = 503, ContentType = "text/plain" });
        await using SparkConnectClient client = _server.Client();

        var error = await Assert.ThrowsAsync<SparkConnectException>(() => client.SparkVersionAsync());

        Assert.Equal(GrpcStatusCode.Unavailable, error.StatusCode);
        Assert.Contains("HTTP 503", error.Message);
    }

    [Fact]
    public async Task A_non_grpc_content_type_is_reported_as_not_a_spark_connect_server()
    {
        _server.Enqueue("AnalyzePlan", FakeReply.Ok(new AnalyzePlanResponse()) with { ContentType = "text/html" });
        await using SparkConnectClient client = _server.Client();

        var error = await Assert.ThrowsAsync<SparkConnectException>(() => client.SparkVersionAsync());

        Assert.Contains("text/html", error.Message);
    }

    [Fact]
    public async Task Unknown_fields_in_a_response_are_tolerated()
    {
        var known = new AnalyzePlanResponse { SparkVersion = new AnalyzePlanResponse.Types.SparkVersion { Version = "4.1.0" } };
        using var payload = new MemoryStream();
        known.WriteTo(payload);
        // Field 900, wire type 2 (length-delimited), 3 bytes: a field a newer server might add.
        var unknown = new CodedOutputStream(payload);
        unknown.WriteTag(900, WireFormat.WireType.LengthDelimited);
        unknown.WriteBytes(ByteString.CopyFromUtf8("new"));
        unknown.Flush();
        _server.Enqueue("AnalyzePlan", new FakeReply { RawPayloads = [payload.ToArray()] });
        await using SparkConnectClient client = _server.Client();

        SparkServerVersion version = await client.SparkVersionAsync();

        Assert.Equal("4.1.0", version.Text);
    }

    [Fact]
    public async Task An_unreachable_server_is_unavailable_with_the_address_and_what_to_do()
    {
        FakeSparkConnectServer closed = await FakeSparkConnectServer.StartAsync();
        string connection = closed.ConnectionString();
        int port = closed.Port;
        await closed.DisposeAsync();
        await using var client = new SparkConnectClient(SparkConnectEndpoint.Parse(connection));

        var error = await Assert.ThrowsAsync<SparkConnectException>(() => client.SparkVersionAsync());

        Assert.Equal(GrpcStatusCode.Unavailable, error.StatusCode);
        Assert.Contains($"127.0.0.1:{port}", error.Message);
        Assert.Contains("start-connect-server.sh", error.Message);
    }

    [Fact]
    public async Task A_deadline_sends_grpc_timeout_and_fails_a_slow_stream_with_deadline_exceeded()
    {
        _server.Enqueue("ExecutePlan", FakeReply.Slow(TimeSpan.FromSeconds(20), Batch(1, 1)));
        await using SparkConnectClient client = _server.Client(options: new SparkConnectClientOptions { ExecuteTimeout = TimeSpan.FromMilliseconds(300) });

        var error = await Assert.ThrowsAsync<SparkConnectException>(() => client.ExecuteAsync(Query));

        Assert.Equal(GrpcStatusCode.DeadlineExceeded, error.StatusCode);
        Assert.Equal("300m", _server.CallsOf("ExecutePlan").Single().Header("grpc-timeout"));
    }

    [Fact]
    public async Task Cancelling_mid_stream_throws_operation_cancelled_and_resets_the_server_stream()
    {
        var firstSent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _server.Enqueue("ExecutePlan", FakeReply.Ok(Batch(1, 1), Batch(1, 2)) with
        {
            BeforeMessage = (index, token) => index == 0 ? Task.CompletedTask : Task.Delay(TimeSpan.FromSeconds(30), token),
        });
        await using SparkConnectClient client = _server.Client();
        using var cancel = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (ExecutePlanResponse response in client.ExecutePlanAsync(Query, cancellationToken: cancel.Token))
            {
                cancel.Cancel();
            }
        });

        RecordedCall call = _server.CallsOf("ExecutePlan").Single();
        for (int i = 0; i < 100 && !call.Aborted; i++)
        {
            await Task.Delay(50);
        }
        Assert.True(call.Aborted, "the fake server never saw the stream reset");
    }

    [Fact]
    public async Task A_message_larger_than_one_http2_frame_arrives_whole()
    {
        byte[] data = new byte[3 * 1024 * 1024 + 17];
        new Random(5).NextBytes(data);
        _server.Enqueue("ExecutePlan", FakeReply.Ok(Batch(123, data), Batch(1, 9)));
        await using SparkConnectClient client = _server.Client();

        ExecutionResult result = await client.ExecuteAsync(Query);

        Assert.Equal(data, result.Batches[0].Data.ToArray());
        Assert.Equal(124L, result.RowCount);
    }

    [Fact]
    public async Task A_message_over_the_configured_limit_is_refused_naming_the_limit()
    {
        _server.Enqueue("ExecutePlan", FakeReply.Ok(Batch(1, new byte[4096])));
        await using SparkConnectClient client = _server.Client(options: new SparkConnectClientOptions { MaxMessageBytes = 2048 });

        var error = await Assert.ThrowsAsync<SparkConnectException>(() => client.ExecuteAsync(Query));

        Assert.Contains("limit of 2048 bytes", error.Message);
        Assert.Contains("MaxMessageBytes", error.Message);
    }

    [Fact]
    public void Options_out_of_range_are_refused_when_the_client_is_made()
    {
        SparkConnectEndpoint endpoint = SparkConnectEndpoint.Parse(_server.ConnectionString());

        Assert.Throws<ArgumentOutOfRangeException>(() => new SparkConnectClient(endpoint, new SparkConnectClientOptions { MaxMessageBytes = 10 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SparkConnectClient(endpoint, new SparkConnectClientOptions { RequestTimeout = TimeSpan.Zero }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SparkConnectClient(endpoint, new SparkConnectClientOptions { ExecuteTimeout = TimeSpan.FromSeconds(-1) }));
    }

    [Fact]
    public async Task Leaving_the_stream_early_resets_it_on_the_server()
    {
        _server.Enqueue("ExecutePlan", FakeReply.Ok(Batch(1, 1), Batch(1, 2)) with
        {
            BeforeMessage = (index, token) => index == 0 ? Task.CompletedTask : Task.Delay(TimeSpan.FromSeconds(30), token),
        });
        await using SparkConnectClient client = _server.Client();

        await foreach (ExecutePlanResponse response in client.ExecutePlanAsync(Query))
        {
            Assert.Equal(1, response.ArrowBatch.RowCount);
            break;
        }

        RecordedCall call = _server.CallsOf("ExecutePlan").Single();
        for (int i = 0; i < 100 && !call.Aborted; i++)
        {
            await Task.Delay(50);
        }
        Assert.True(call.Aborted, "the fake server never saw the stream reset");
    }
}
