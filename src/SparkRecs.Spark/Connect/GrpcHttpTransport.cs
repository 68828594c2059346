using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using Google.Protobuf;

namespace SparkRecs.Spark.Connect;

/// <summary>
/// Unary and server-streaming gRPC calls over <see cref="HttpClient"/> HTTP/2, for the Spark Connect
/// service. It exists because Grpc.Net.Client is not available to this project's builds; it
/// implements the parts of the gRPC-over-HTTP/2 protocol the Spark Connect client needs.
/// </summary>
/// <remarks>
/// <para>Every request is a POST to <c>/spark.connect.SparkConnectService/&lt;Rpc&gt;</c> with
/// <c>Version = 2.0</c> and <c>VersionPolicy = RequestVersionExact</c> set on the request itself
/// (set on the client alone, the request would go out as HTTP/1.1 and be refused), headers
/// <c>content-type: application/grpc</c>, <c>te: trailers</c>, <c>grpc-accept-encoding: identity</c>,
/// <c>grpc-timeout</c> when a deadline is set, and <c>authorization: Bearer</c> when a token is.</para>
/// <para>Response messages are yielded as their frames arrive. The call's outcome is the
/// <c>grpc-status</c> trailer after the body, or the same header on a trailers-only response (an
/// error before any message). A deadline cancels the HTTP/2 stream locally as well, so a server that
/// ignores <c>grpc-timeout</c> cannot hold the caller.</para>
/// </remarks>
internal sealed partial class GrpcHttpTransport : IDisposable
{
    private const string ServicePath = "/spark.connect.SparkConnectService/";

    private readonly SparkConnectEndpoint _endpoint;
    private readonly HttpClient _http;
    private readonly int _maxMessageBytes;
    private readonly string _userAgent;

    public GrpcHttpTransport(SparkConnectEndpoint endpoint, string userAgent, int maxMessageBytes)
    {
        _endpoint = endpoint;
        _userAgent = userAgent;
        _maxMessageBytes = maxMessageBytes;
        _http = new HttpClient(CreateHandler(), disposeHandler: true)
        {
            BaseAddress = endpoint.BaseAddress,
            // Deadlines are per call (grpc-timeout plus a local timer); HttpClient's own timeout would cut long fits.
            Timeout = Timeout.InfiniteTimeSpan,
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
    }

    /// <summary>Calls a unary RPC: exactly one response message and an OK status.</summary>
    public async Task<TResponse> UnaryAsync<TResponse>(string rpc, IMessage request, MessageParser<TResponse> parser, TimeSpan? deadline, CancellationToken cancellationToken)
        where TResponse : class, IMessage<TResponse>
    {
        TResponse? result = null;
        await foreach (TResponse message in ServerStreamingAsync(rpc, request, parser, deadline, cancellationToken).ConfigureAwait(false))
        {
            if (result is not null)
            {
                throw Protocol(rpc, "the server sent more than one message for a unary call.");
            }
            result = message;
        }
        return result ?? throw Protocol(rpc, "the server ended a unary call with status OK but no message.");
    }

    /// <summary>Calls a server-streaming RPC, yielding each response message as it arrives.</summary>
    public async IAsyncEnumerable<TResponse> ServerStreamingAsync<TResponse>(string rpc, IMessage request, MessageParser<TResponse> parser, TimeSpan? deadline, [EnumeratorCancellation] CancellationToken cancellationToken)
        where TResponse : class, IMessage<TResponse>
    {
        using var timer = deadline is { } limit ? new CancellationTokenSource(limit) : null;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer?.Token ?? CancellationToken.None);
        var call = new Call(this, rpc, deadline, timer, cancellationToken, linked.Token);
        try
        {
            await call.StartAsync(request).ConfigureAwait(false);
            while (await call.ReadAsync().ConfigureAwait(false) is { } payload)
            {
                yield return ParseMessage(rpc, parser, payload);
            }
        }
        finally
        {
            call.Dispose();
        }
    }

    public void Dispose() => _http.Dispose();

    private TResponse ParseMessage<TResponse>(string rpc, MessageParser<TResponse> parser, byte[] payload)
        where TResponse : class, IMessage<TResponse>
    {
        try
        {
            return parser.ParseFrom(payload);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw Protocol(rpc, $"a {payload.Length}-byte response is not a valid {typeof(TResponse).Name} ({e.Message}).");
        }
    }

    private HttpRequestMessage BuildRequest(string rpc, IMessage request, TimeSpan? deadline)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, ServicePath + rpc)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(GrpcFraming.Frame(request)),
        };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        message.Headers.TryAddWithoutValidation("te", "trailers");
        message.Headers.TryAddWithoutValidation("grpc-accept-encoding", "identity");
        message.Headers.TryAddWithoutValidation("user-agent", _userAgent);
        if (deadline is { } limit)
        {
            message.Headers.TryAddWithoutValidation("grpc-timeout", EncodeTimeout(limit));
        }
        if (_endpoint.Token is { } token)
        {
            message.Headers.TryAddWithoutValidation("authorization", "Bearer " + token);
        }
        foreach ((string name, string value) in _endpoint.Metadata)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }
        return message;
    }

    /// <summary>
    /// The <c>grpc-timeout</c> value: at most 8 digits and a unit. Milliseconds while they fit,
    /// then seconds, then hours (rounded up so the server never gives up before the client).
    /// </summary>
    internal static string EncodeTimeout(TimeSpan timeout)
    {
        const long MaxValue = 99_999_999;
        long millis = Math.Max(1, (long)Math.Ceiling(timeout.TotalMilliseconds));
        if (millis <= MaxValue)
        {
            return millis.ToString(CultureInfo.InvariantCulture) + "m";
        }
        long seconds = (long)Math.Ceiling(timeout.TotalSeconds);
        if (seconds <= MaxValue)
        {
            return seconds.ToString(CultureInfo.InvariantCulture) + "S";
        }
        return Math.Min(MaxValue, (long)Math.Ceiling(timeout.TotalHours)).ToString(CultureInfo.InvariantCulture) + "H";
    }

    private static SocketsHttpHandler CreateHandler() => new()
    {
        ConnectTimeout = TimeSpan.FromSeconds(15),
        // An ALS fit can keep a stream silent for a long time; pings keep NATs and proxies from dropping it.
        KeepAlivePingDelay = TimeSpan.FromSeconds(30),
        KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
        KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
        EnableMultipleHttp2Connections = true,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
    };

    private SparkConnectException Protocol(string rpc, string detail) =>
        new(rpc, _endpoint.Authority, GrpcStatusCode.Internal, null, "The response broke the gRPC protocol: " + detail);
}
