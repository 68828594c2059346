using System.Buffers.Binary;
using Google.Protobuf;

namespace SparkRecs.Spark.Connect;

/// <summary>
/// gRPC's length-prefixed message framing over an HTTP/2 body: each message is preceded by five
/// bytes, a compressed flag (0 or 1) and the message length as a 4-byte big-endian unsigned
/// integer. This client never asks for compression (it sends <c>grpc-accept-encoding: identity</c>),
/// so a frame flagged compressed is a protocol error it reports rather than misreads.
/// </summary>
internal static class GrpcFraming
{
    /// <summary>Bytes before every message: flag + length.</summary>
    public const int HeaderLength = 5;

    /// <summary>The request body for one message: header then the serialized message.</summary>
    public static byte[] Frame(IMessage message)
    {
        int length = message.CalculateSize();
        byte[] frame = new byte[HeaderLength + length];
        frame[0] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1, 4), (uint)length);
        message.WriteTo(frame.AsSpan(HeaderLength));
        return frame;
    }

    /// <summary>
    /// Reads the next frame's payload, or <see langword="null"/> when the body ends cleanly between
    /// frames. Throws <see cref="GrpcFramingException"/> when the body ends inside a frame, a frame
    /// is compressed, or it is larger than <paramref name="maxMessageBytes"/>.
    /// </summary>
    public static async ValueTask<byte[]?> ReadFrameAsync(Stream body, int maxMessageBytes, CancellationToken cancellationToken)
    {
        byte[] header = new byte[HeaderLength];
        int got = await ReadAtLeastAsync(body, header, cancellationToken).ConfigureAwait(false);
        if (got == 0)
        {
            return null;
        }
        if (got < HeaderLength)
        {
            throw new GrpcFramingException($"the response body ended inside a frame header ({got} of {HeaderLength} bytes).");
        }
        if (header[0] == 1)
        {
            throw new GrpcFramingException("the server sent a compressed message although this client asked for none (grpc-accept-encoding: identity); disable gRPC compression on the server or a proxy in between.");
        }
        if (header[0] != 0)
        {
            throw new GrpcFramingException($"frame flag {header[0]} is neither 0 (plain) nor 1 (compressed); the peer does not speak gRPC.");
        }
        uint length = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(1));
        if (length > (uint)maxMessageBytes)
        {
            throw new GrpcFramingException($"a {length}-byte message exceeds the client's limit of {maxMessageBytes} bytes; lower spark.connect.grpc.arrow.maxBatchSize on the server or raise MaxMessageBytes in the client options.");
        }
        byte[] payload = new byte[length];
        int read = await ReadAtLeastAsync(body, payload, cancellationToken).ConfigureAwait(false);
        if (read < payload.Length)
        {
            throw new GrpcFramingException($"the response body ended inside a message ({read} of {length} bytes).");
        }
        return payload;
    }

    private static async ValueTask<int> ReadAtLeastAsync(Stream body, byte[] buffer, CancellationToken cancellationToken)
    {
        return buffer.Length == 0 ? 0 : await body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
    }
}
