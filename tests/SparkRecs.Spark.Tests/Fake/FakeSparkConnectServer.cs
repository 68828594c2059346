using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SparkRecs.Spark.Connect;
using SparkRecs.Spark.Protocol;

namespace SparkRecs.Spark.Tests.Fake;

/// <summary>
/// A FAKE Spark Connect server for tests: Kestrel on 127.0.0.1 (random port), HTTP/2 only without
/// TLS, answering <c>/spark.connect.SparkConnectService/&lt;Rpc&gt;</c> with replies the test scripted
/// (<see cref="Enqueue"/>) or computed from the request (<see cref="Responder"/>), and recording
/// every request (<see cref="Calls"/>).
/// </summary>
/// <remarks>
/// It speaks the gRPC wire format the client must handle (frames, trailers, trailers-only errors,
/// HTTP errors) and nothing of Spark: it never looks at a plan. Passing tests against it show the
/// client's transport, streaming, errors and session handling are right; they are no evidence that
/// Spark accepts the plans (golden files and the opt-in real-server tests cover that side).
/// </remarks>
public sealed class FakeSparkConnectServer : IAsyncDisposable
{
    private const string ServicePath = "/spark.connect.SparkConnectService/";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<FakeReply>> _scripts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<RecordedCall> _calls = new();

    private FakeSparkConnectServer(WebApplication app)
    {
        _app = app;
    }

    /// <summary>The port Kestrel bound.</summary>
    public int Port { get; private set; }

    /// <summary>Every request received so far, in arrival order.</summary>
    public IReadOnlyList<RecordedCall> Calls => [.. _calls];

    /// <summary>The requests of one RPC.</summary>
    public IReadOnlyList<RecordedCall> CallsOf(string rpc) => [.. _calls.Where(c => c.Rpc == rpc)];

    /// <summary>
    /// Answers calls that have no queued reply, by looking at the request (e.g. <see cref="FakeSparkCluster"/>
    /// answers by plan kind); returning <see langword="null"/> falls back to the default reply.
    /// </summary>
    public Func<RecordedCall, FakeReply?>? Responder { get; set; }

    /// <summary>Starts a fake on a free loopback port.</summary>
    public static async Task<FakeSparkConnectServer> StartAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        WebApplication app = builder.Build();
        var server = new FakeSparkConnectServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.Port = new Uri(address).Port;
        return server;
    }

    /// <summary>A connection string to this fake, with optional <c>;name=value</c> parameters.</summary>
    public string ConnectionString(string parameters = "") => $"sc://127.0.0.1:{Port}/{parameters}";

    /// <summary>A client of this fake (plaintext, loopback).</summary>
    public SparkConnectClient Client(string parameters = "", SparkConnectClientOptions? options = null) =>
        new(SparkConnectEndpoint.Parse(ConnectionString(parameters)), options);

    /// <summary>Queues the next reply to <paramref name="rpc"/>; replies are used once each, in order.</summary>
    public void Enqueue(string rpc, FakeReply reply) => _scripts.GetOrAdd(rpc, _ => new ConcurrentQueue<FakeReply>()).Enqueue(reply);

    /// <summary>Queues an AnalyzePlan reply reporting <paramref name="version"/>.</summary>
    public void EnqueueVersion(string version, string serverSideSessionId = "") =>
        Enqueue("AnalyzePlan", FakeReply.Ok(new AnalyzePlanResponse
        {
            ServerSideSessionId = serverSideSessionId,
            SparkVersion = new AnalyzePlanResponse.Types.SparkVersion { Version = version },
        }));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        string path = context.Request.Path.Value ?? "";
        string rpc = path.StartsWith(ServicePath, StringComparison.Ordinal) ? path[ServicePath.Length..] : path;
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString(), StringComparer.Ordinal);
        var call = new RecordedCall(rpc, context.Request.Protocol, headers, body.ToArray());
        _calls.Enqueue(call);

        FakeReply reply = _scripts.TryGetValue(rpc, out var queue) && queue.TryDequeue(out FakeReply? scripted)
            ? scripted
            : Responder?.Invoke(call) ?? DefaultReply(rpc);
        try
        {
            await ReplyAsync(context, reply);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            call.Aborted = true;
        }
        catch (IOException) when (context.RequestAborted.IsCancellationRequested)
        {
            call.Aborted = true;
        }
    }

    private static async Task ReplyAsync(HttpContext context, FakeReply reply)
    {
        HttpResponse response = context.Response;
        response.StatusCode = reply.HttpStatus;
        response.ContentType = reply.ContentType;
        if (reply.TrailersOnly)
        {
            response.Headers["grpc-status"] = ((int)reply.Status).ToString(CultureInfo.InvariantCulture);
            if (reply.StatusMessage is not null)
            {
                response.Headers["grpc-message"] = Uri.EscapeDataString(reply.StatusMessage);
            }
            return;
        }
        await response.StartAsync(context.RequestAborted);
        IEnumerable<byte[]> payloads = reply.Messages.Select(m => m.ToByteArray()).Concat(reply.RawPayloads);
        int index = 0;
        foreach (byte[] payload in payloads)
        {
            if (reply.BeforeMessage is not null)
            {
                await reply.BeforeMessage(index, context.RequestAborted);
            }
            byte[] header = new byte[5];
            header[0] = reply.FlagCompressed ? (byte)1 : (byte)0;
            BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(1), (uint)payload.Length);
            await response.Body.WriteAsync(header, context.RequestAborted);
            await response.Body.WriteAsync(payload, context.RequestAborted);
            await response.Body.FlushAsync(context.RequestAborted);
            index++;
        }
        if (reply.OmitStatus || reply.HttpStatus != 200)
        {
            return;
        }
        response.AppendTrailer("grpc-status", ((int)reply.Status).ToString(CultureInfo.InvariantCulture));
        if (reply.StatusMessage is not null)
        {
            response.AppendTrailer("grpc-message", Uri.EscapeDataString(reply.StatusMessage));
        }
        if (reply.StatusDetails is not null)
        {
            response.AppendTrailer("grpc-status-details-bin", Convert.ToBase64String(reply.StatusDetails).TrimEnd('='));
        }
    }

    /// <summary>Unscripted calls: ReleaseSession succeeds (so disposing clients is quiet); anything else is UNIMPLEMENTED.</summary>
    private static FakeReply DefaultReply(string rpc) => rpc == "ReleaseSession"
        ? FakeReply.Ok(new ReleaseSessionResponse())
        : FakeReply.TrailersOnlyError(GrpcStatusCode.Unimplemented, $"the fake server has no scripted reply for {rpc}");
}
