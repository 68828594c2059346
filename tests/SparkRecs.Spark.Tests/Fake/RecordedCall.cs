using System.Buffers.Binary;
using Google.Protobuf;

namespace SparkRecs.Spark.Tests.Fake;

/// <summary>A request the <see cref="FakeSparkConnectServer"/> received, as it arrived on the wire.</summary>
/// <param name="Rpc">The method name after <c>/spark.connect.SparkConnectService/</c>.</param>
/// <param name="Protocol">The HTTP protocol of the request (HTTP/2 expected).</param>
/// <param name="Headers">Request headers, names lower-case, repeated values joined by commas.</param>
/// <param name="Body">The raw request body (gRPC frames).</param>
public sealed record RecordedCall(string Rpc, string Protocol, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    /// <summary>Set when the client reset the stream (cancelled) while the fake was still answering.</summary>
    public bool Aborted { get; internal set; }

    /// <summary>The header's value, or <see langword="null"/>.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out string? value) ? value : null;

    /// <summary>The single framed request message; fails the test when the body is not exactly one plain frame.</summary>
    public T Request<T>(MessageParser<T> parser)
        where T : IMessage<T>
    {
        Assert.True(Body.Length >= 5, $"{Rpc} body has {Body.Length} bytes, less than a frame header.");
        Assert.Equal(0, Body[0]);
        uint length = BinaryPrimitives.ReadUInt32BigEndian(Body.AsSpan(1, 4));
        Assert.Equal(Body.Length - 5, (int)length);
        return parser.ParseFrom(Body.AsSpan(5).ToArray());
    }
}
