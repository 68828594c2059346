using SparkRecs.Spark.Protocol;

namespace SparkRecs.Spark.Connect;

public sealed partial class SparkConnectClient
{
    /// <summary>Asks the server its Spark version (AnalyzePlan <c>spark_version</c>).</summary>
    /// <exception cref="SparkConnectException">The call failed, or the answer is not a version.</exception>
    public async Task<SparkServerVersion> SparkVersionAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfUnusable();
        var request = new AnalyzePlanRequest
        {
            SessionId = SessionId,
            UserContext = UserContext,
            ClientType = ClientType,
            SparkVersion = new AnalyzePlanRequest.Types.SparkVersion(),
        };
        if (ServerSideSessionId is { } observed)
        {
            request.ClientObservedServerSideSessionId = observed;
        }
        AnalyzePlanResponse response = await _transport.UnaryAsync(Rpc.AnalyzePlan, request, AnalyzePlanResponse.Parser, _options.RequestTimeout, cancellationToken).ConfigureAwait(false);
        ObserveServerSession(Rpc.AnalyzePlan, response.ServerSideSessionId);
        string text = response.SparkVersion?.Version ?? "";
        return SparkServerVersion.TryParse(text) ?? throw new SparkConnectException(Rpc.AnalyzePlan, Endpoint.Authority, GrpcStatusCode.Internal, null,
            $"The server answered spark_version with '{text}', which is not a major.minor version.",
            advice: "Check that the address is a Spark Connect server.");
    }

    /// <summary>
    /// Checks that the server runs Spark 4.0 or later, the first release with MLlib over Connect
    /// (ALS fit, model fetch, evaluation). Spark 3.4 and 3.5 serve DataFrames and SQL only.
    /// </summary>
    /// <returns>The server's version.</returns>
    /// <exception cref="SparkConnectException">The server is older than 4.0 (status FAILED_PRECONDITION), or the call failed.</exception>
    public async Task<SparkServerVersion> RequireMlSupportAsync(CancellationToken cancellationToken = default)
    {
        SparkServerVersion version = await SparkVersionAsync(cancellationToken).ConfigureAwait(false);
        if (!version.SupportsConnectMl)
        {
            throw new SparkConnectException(Rpc.AnalyzePlan, Endpoint.Authority, GrpcStatusCode.FailedPrecondition, null,
                $"The server runs Spark {version.Text}; the Spark engine needs Spark {SparkServerVersion.FirstWithConnectMl.Major}.{SparkServerVersion.FirstWithConnectMl.Minor} or later, the first release that runs MLlib (ALS) server-side over Spark Connect (3.4 and 3.5 serve DataFrames and SQL only).",
                advice: "Point the connection string at a Spark 4 Connect server, or run the job with the local engine.");
        }
        return version;
    }

    /// <summary>Sets Spark SQL settings of this session (e.g. spark.sql.shuffle.partitions).</summary>
    /// <returns>Warnings the server returned (deprecated or unknown keys), empty when none.</returns>
    /// <exception cref="SparkConnectException">The server refused a setting (e.g. a static config) or the call failed.</exception>
    public async Task<IReadOnlyList<string>> SetConfAsync(IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ThrowIfUnusable();
        var set = new ConfigRequest.Types.Set();
        foreach ((string key, string value) in settings)
        {
            set.Pairs.Add(new KeyValue { Key = key, Value = value });
        }
        var request = new ConfigRequest
        {
            SessionId = SessionId,
            UserContext = UserContext,
            ClientType = ClientType,
            Operation = new ConfigRequest.Types.Operation { Set = set },
        };
        if (ServerSideSessionId is { } observed)
        {
            request.ClientObservedServerSideSessionId = observed;
        }
        ConfigResponse response = await _transport.UnaryAsync(Rpc.Config, request, ConfigResponse.Parser, _options.RequestTimeout, cancellationToken).ConfigureAwait(false);
        ObserveServerSession(Rpc.Config, response.ServerSideSessionId);
        return [.. response.Warnings];
    }

    /// <summary>Interrupts every operation running in this session (e.g. when the job is cancelled).</summary>
    /// <returns>The operation ids the server interrupted.</returns>
    /// <exception cref="SparkConnectException">The call failed.</exception>
    public async Task<IReadOnlyList<string>> InterruptAllAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfUnusable();
        var request = new InterruptRequest
        {
            SessionId = SessionId,
            UserContext = UserContext,
            ClientType = ClientType,
            InterruptType = InterruptRequest.Types.InterruptType.All,
        };
        if (ServerSideSessionId is { } observed)
        {
            request.ClientObservedServerSideSessionId = observed;
        }
        InterruptResponse response = await _transport.UnaryAsync(Rpc.Interrupt, request, InterruptResponse.Parser, _options.RequestTimeout, cancellationToken).ConfigureAwait(false);
        ObserveServerSession(Rpc.Interrupt, response.ServerSideSessionId);
        return [.. response.InterruptedIds];
    }

    /// <summary>
    /// Releases the server-side session: its temporary views, cached models and running operations
    /// are dropped. Later calls on this client throw <see cref="InvalidOperationException"/>.
    /// Releasing twice does nothing.
    /// </summary>
    /// <exception cref="SparkConnectException">The call failed (the server releases idle sessions on its own eventually).</exception>
    public async Task ReleaseSessionAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_released)
        {
            return;
        }
        var request = new ReleaseSessionRequest
        {
            SessionId = SessionId,
            UserContext = UserContext,
            ClientType = ClientType,
        };
        await _transport.UnaryAsync(Rpc.ReleaseSession, request, ReleaseSessionResponse.Parser, _options.RequestTimeout, cancellationToken).ConfigureAwait(false);
        _released = true;
    }

    /// <summary>
    /// Releases the session if it was not released yet (best effort: a failure is swallowed, as the
    /// server expires idle sessions itself), then closes the connections.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }
        if (!_released)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await ReleaseSessionAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SparkConnectException or OperationCanceledException)
            {
                // Best effort: the server's session timeout reclaims it.
            }
        }
        _disposed = true;
        _transport.Dispose();
    }
}
