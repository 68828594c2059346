using Google.Protobuf;
using SparkRecs.Spark.Connect;

namespace SparkRecs.Spark.Tests.Fake;

/// <summary>
/// One scripted answer of the <see cref="FakeSparkConnectServer"/>: the response messages to stream,
/// then the gRPC status to put in the trailers (or in the headers, for a trailers-only response),
/// with knobs for the failures a real server or proxy can produce.
/// </summary>
public sealed record FakeReply
{
    /// <summary>Messages streamed as separate frames, in order.</summary>
    public IReadOnlyList<IMessage> Messages { get; init; } = [];

    /// <summary>Raw frame payloads streamed after <see cref="Messages"/> (e.g. with unknown fields).</summary>
    public IReadOnlyList<byte[]> RawPayloads { get; init; } = [];

    /// <summary>The final gRPC status.</summary>
    public GrpcStatusCode Status { get; init; } = GrpcStatusCode.Ok;

    /// <summary>The grpc-message (percent-encoded on the wire by the fake).</summary>
    public string? StatusMessage { get; init; }

    /// <summary>Raw grpc-status-details-bin value (sent base64 without padding, as gRPC allows), or <see langword="null"/>.</summary>
    public byte[]? StatusDetails { get; init; }

    /// <summary>Send the status in the response headers with no body (how servers fail before any message).</summary>
    public bool TrailersOnly { get; init; }

    /// <summary>Leave out the grpc-status trailer (a proxy that cut the stream).</summary>
    public bool OmitStatus { get; init; }

    /// <summary>Flag every frame as compressed.</summary>
    public bool FlagCompressed { get; init; }

    /// <summary>Awaited before each message is sent (index of the message); for slow streams and step-by-step tests.</summary>
    public Func<int, CancellationToken, Task>? BeforeMessage { get; init; }

    /// <summary>HTTP status of the response (200 for gRPC).</summary>
    public int HttpStatus { get; init; } = 200;

    /// <summary>content-type of the response.</summary>
    public string ContentType { get; init; } = "application/grpc";

    /// <summary>Streams <paramref name="messages"/> and ends with status OK.</summary>
    public static FakeReply Ok(params IMessage[] messages) => new() { Messages = messages };

    /// <summary>Streams <paramref name="messages"/> and ends with an error status in the trailers.</summary>
    public static FakeReply Error(GrpcStatusCode status, string message, params IMessage[] messages) =>
        new() { Messages = messages, Status = status, StatusMessage = message };

    /// <summary>Fails at once with a trailers-only response (status in the headers, no body).</summary>
    public static FakeReply TrailersOnlyError(GrpcStatusCode status, string message) =>
        new() { Status = status, StatusMessage = message, TrailersOnly = true };

    /// <summary>Waits <paramref name="delay"/> before each message.</summary>
    public static FakeReply Slow(TimeSpan delay, params IMessage[] messages) =>
        new() { Messages = messages, BeforeMessage = (_, token) => Task.Delay(delay, token) };
}
