using System.Reflection;
using System.Runtime.CompilerServices;
using SparkRecs.Spark.Plans;
using SparkRecs.Spark.Protocol;

namespace SparkRecs.Spark.Connect;

/// <summary>
/// A Spark Connect session: runs plans on a Spark server and streams their results back. One
/// client is one server-side Spark session (temporary views, cached ML models and SQL settings
/// live there until <see cref="ReleaseSessionAsync"/>).
/// </summary>
/// <remarks>
/// <para>The session id is a fresh UUID unless the connection string names one; the user context
/// carries <c>user_id</c> from the connection string or the OS user. Every request reports the
/// client type <c>sparkrecs/&lt;version&gt;</c> and, after the first response, the server-side
/// session id it observed, so a server that restarted (and so lost this session's views and
/// models) is detected instead of silently starting an empty session.</para>
/// <para>Thread-safe: calls may run concurrently on one client. Cancelling an ExecutePlan's token
/// resets its HTTP/2 stream, which makes the server interrupt the operation.</para>
/// </remarks>
public sealed partial class SparkConnectClient : IAsyncDisposable
{
    private readonly GrpcHttpTransport _transport;
    private readonly SparkConnectClientOptions _options;
    private readonly Lock _sessionLock = new();
    private string? _serverSideSessionId;
    private bool _released;
    private bool _disposed;

    /// <summary>Opens a client for <paramref name="endpoint"/>. No network traffic happens until the first call.</summary>
    public SparkConnectClient(SparkConnectEndpoint endpoint, SparkConnectClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        Endpoint = endpoint;
        _options = options ?? new SparkConnectClientOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxMessageBytes, 1024, "options.MaxMessageBytes");
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_options.RequestTimeout, TimeSpan.Zero, "options.RequestTimeout");
        if (_options.ExecuteTimeout is { } executeTimeout)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(executeTimeout, TimeSpan.Zero, "options.ExecuteTimeout");
        }
        SessionId = endpoint.SessionId ?? Guid.NewGuid().ToString("D");
        // Spark keys sessions by (user id, session id) and refuses an empty user id.
        string userId = endpoint.UserId ?? (string.IsNullOrEmpty(Environment.UserName) ? "sparkrecs" : Environment.UserName);
        UserContext = new UserContext { UserId = userId, UserName = userId };
        ClientType = endpoint.UserAgent is null ? DefaultClientType : $"{endpoint.UserAgent} {DefaultClientType}";
        _transport = new GrpcHttpTransport(endpoint, ClientType, _options.MaxMessageBytes);
    }

    /// <summary><c>sparkrecs/&lt;assembly version&gt;</c>, the client type reported to the server.</summary>
    public static string DefaultClientType { get; } = "sparkrecs/" + ProductVersion();

    /// <summary>The server this client talks to (its <see cref="SparkConnectEndpoint.ToString"/> hides the token).</summary>
    public SparkConnectEndpoint Endpoint { get; }

    /// <summary>The session id (a UUID) sent with every request.</summary>
    public string SessionId { get; }

    /// <summary>The user context sent with every request.</summary>
    public UserContext UserContext { get; }

    /// <summary>The client type sent with every request (and as the HTTP user-agent).</summary>
    public string ClientType { get; }

    /// <summary>The server-side session id of the first response, or <see langword="null"/> before any.</summary>
    public string? ServerSideSessionId
    {
        get
        {
            lock (_sessionLock)
            {
                return _serverSideSessionId;
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="plan"/> and yields each response as it arrives (Arrow batches, command
    /// results, progress, and finally ResultComplete).
    /// </summary>
    /// <param name="plan">A relation (query) or command.</param>
    /// <param name="operationId">The operation id to use (a UUID); a new one when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the stream; the server then interrupts the operation.</param>
    /// <exception cref="SparkConnectException">The server failed the operation, or the connection or protocol broke.</exception>
    public async IAsyncEnumerable<ExecutePlanResponse> ExecutePlanAsync(Plan plan, string? operationId = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ThrowIfUnusable();
        string operation = operationId ?? Guid.NewGuid().ToString("D");
        var request = new ExecutePlanRequest
        {
            SessionId = SessionId,
            UserContext = UserContext,
            Plan = plan,
            ClientType = ClientType,
            OperationId = operation,
        };
        if (ServerSideSessionId is { } observed)
        {
            request.ClientObservedServerSideSessionId = observed;
        }
        await foreach (ExecutePlanResponse response in _transport.ServerStreamingAsync(Rpc.ExecutePlan, request, ExecutePlanResponse.Parser, _options.ExecuteTimeout, cancellationToken).ConfigureAwait(false))
        {
            ObserveServerSession(Rpc.ExecutePlan, response.ServerSideSessionId);
            if (response.OperationId.Length > 0 && response.OperationId != operation)
            {
                throw new SparkConnectException(Rpc.ExecutePlan, Endpoint.Authority, GrpcStatusCode.Internal, null,
                    $"A response belongs to operation {response.OperationId}, not to this call's {operation}.");
            }
            yield return response;
        }
    }

    /// <summary>Runs <paramref name="plan"/> to the end and gathers its Arrow batches and command results.</summary>
    /// <exception cref="SparkConnectException">The server failed the operation, or the connection or protocol broke.</exception>
    public async Task<ExecutionResult> ExecuteAsync(Plan plan, CancellationToken cancellationToken = default)
    {
        string operation = Guid.NewGuid().ToString("D");
        var batches = new List<ArrowBatch>();
        MlCommandResult? mlResult = null;
        Relation? sqlResult = null;
        bool complete = false;
        await foreach (ExecutePlanResponse response in ExecutePlanAsync(plan, operation, cancellationToken).ConfigureAwait(false))
        {
            switch (response.ResponseTypeCase)
            {
                case ExecutePlanResponse.ResponseTypeOneofCase.ArrowBatch:
                    ExecutePlanResponse.Types.ArrowBatch batch = response.ArrowBatch;
                    batches.Add(new ArrowBatch(batch.RowCount, batch.Data.Memory, batch.HasStartOffset ? batch.StartOffset : null));
                    break;
                case ExecutePlanResponse.ResponseTypeOneofCase.MlCommandResult:
                    mlResult = response.MlCommandResult;
                    break;
                case ExecutePlanResponse.ResponseTypeOneofCase.SqlCommandResult:
                    sqlResult = response.SqlCommandResult.Relation;
                    break;
                case ExecutePlanResponse.ResponseTypeOneofCase.ResultComplete:
                    complete = true;
                    break;
            }
        }
        return new ExecutionResult(operation, batches, mlResult, sqlResult, complete);
    }

    /// <summary>Runs a SQL query and returns its rows as Arrow batches (an empty list for no rows).</summary>
    /// <exception cref="SparkConnectException">Spark refused the query (the message names the problem) or the call failed.</exception>
    public async Task<IReadOnlyList<ArrowBatch>> SqlAsync(string query, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        ExecutionResult result = await ExecuteAsync(new Plan { Root = SparkRelations.Sql(query) }, cancellationToken).ConfigureAwait(false);
        return result.Batches;
    }

    /// <summary>
    /// Runs an ML command that answers with a result (Fit: the cached model's reference; Evaluate:
    /// the metric) and returns it. Run commands whose answer does not matter (Delete, Write) with
    /// <see cref="ExecuteAsync"/>.
    /// </summary>
    /// <exception cref="SparkConnectException">The server failed the command, or answered without an ML result.</exception>
    public async Task<MlCommandResult> ExecuteMlCommandAsync(Plan plan, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Command?.MlCommand is null)
        {
            throw new ArgumentException("The plan is not an ML command (Plan.command.ml_command).", nameof(plan));
        }
        ExecutionResult result = await ExecuteAsync(plan, cancellationToken).ConfigureAwait(false);
        return result.MlCommandResult ?? throw new SparkConnectException(Rpc.ExecutePlan, Endpoint.Authority, GrpcStatusCode.Internal, null,
            $"The ML command ({plan.Command.MlCommand.CommandCase}) ended with status OK but sent no ml_command_result.",
            advice: "The server may not be Spark 4.0 or later; check SparkVersionAsync.");
    }

    private void ObserveServerSession(string rpc, string serverSideSessionId)
    {
        if (serverSideSessionId.Length == 0)
        {
            return;
        }
        lock (_sessionLock)
        {
            if (_serverSideSessionId is null)
            {
                _serverSideSessionId = serverSideSessionId;
                return;
            }
            if (_serverSideSessionId == serverSideSessionId)
            {
                return;
            }
        }
        throw new SparkConnectException(rpc, Endpoint.Authority, GrpcStatusCode.FailedPrecondition, null,
            $"The server-side session of {SessionId} changed from {ServerSideSessionId} to {serverSideSessionId}: the server restarted or expired the session, so its temporary views and cached models are gone.",
            advice: "Rerun the job from the start.");
    }

    private void ThrowIfUnusable()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_released)
        {
            throw new InvalidOperationException($"The Spark Connect session {SessionId} was released; create a new SparkConnectClient.");
        }
    }

    private static string ProductVersion()
    {
        string? informational = typeof(SparkConnectClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        string version = informational ?? typeof(SparkConnectClient).Assembly.GetName().Version?.ToString() ?? "0.0.0";
        int plus = version.IndexOf('+');
        return plus < 0 ? version : version[..plus];
    }

    /// <summary>The RPC names of the Spark Connect service this client calls.</summary>
    internal static class Rpc
    {
        public const string ExecutePlan = "ExecutePlan";
        public const string AnalyzePlan = "AnalyzePlan";
        public const string Config = "Config";
        public const string Interrupt = "Interrupt";
        public const string ReleaseSession = "ReleaseSession";
    }
}
