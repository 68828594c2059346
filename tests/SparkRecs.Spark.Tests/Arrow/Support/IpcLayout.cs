using System.Buffers.Binary;
using SparkRecs.Spark.Arrow.Ipc;

namespace SparkRecs.Spark.Tests.Arrow.Support;

/// <summary>
/// Where the pieces of a well-formed stream sit, so tests can damage one precisely: each message's
/// prefix, metadata and body, and for record batches the byte positions of their FieldNode and Buffer
/// structs. Walks the framing itself and reads the metadata with the production Flatbuffers view.
/// </summary>
internal sealed class IpcLayout
{
    public sealed record Message(int Start, int MetadataStart, int MetadataLength, int BodyStart, int BodyLength, byte HeaderType)
    {
        public int End => BodyStart + BodyLength;

        /// <summary>Absolute positions of the 16-byte FieldNode structs (length, null_count).</summary>
        public List<int> Nodes { get; } = [];

        /// <summary>Absolute positions of the 16-byte Buffer structs (offset, length).</summary>
        public List<int> Buffers { get; } = [];
    }

    public List<Message> Messages { get; } = [];

    /// <summary>Position of the end-of-stream marker, or -1.</summary>
    public int EndMarker { get; private set; } = -1;

    public static IpcLayout Of(byte[] stream)
    {
        var layout = new IpcLayout();
        int at = 0;
        while (at < stream.Length)
        {
            int start = at;
            int length = BinaryPrimitives.ReadInt32LittleEndian(stream.AsSpan(at));
            at += 4;
            if (length == -1)
            {
                length = BinaryPrimitives.ReadInt32LittleEndian(stream.AsSpan(at));
                at += 4;
            }

            if (length == 0)
            {
                layout.EndMarker = start;
                break;
            }

            ReadOnlySpan<byte> metadata = stream.AsSpan(at, length);
            FlatTable message = FlatTable.ReadRoot(metadata, "Message");
            byte headerType = message.GetByte(FlatbufSchema.MessageHeaderType, "header_type", 0);
            int bodyLength = (int)message.GetInt64(FlatbufSchema.MessageBodyLength, "bodyLength", 0);
            var entry = new Message(start, at, length, at + length, bodyLength, headerType);
            if (headerType == FlatbufSchema.HeaderRecordBatch && message.TryGetTable(FlatbufSchema.MessageHeader, "header", out FlatTable batch))
            {
                FlatVector nodes = batch.GetVector(FlatbufSchema.RecordBatchNodes, "nodes", 16);
                for (int i = 0; i < nodes.Count; i++)
                {
                    entry.Nodes.Add(at + nodes.ElementPosition(i));
                }

                FlatVector buffers = batch.GetVector(FlatbufSchema.RecordBatchBuffers, "buffers", 16);
                for (int i = 0; i < buffers.Count; i++)
                {
                    entry.Buffers.Add(at + buffers.ElementPosition(i));
                }
            }

            layout.Messages.Add(entry);
            at += length + bodyLength;
        }

        return layout;
    }

    public static long ReadInt64(byte[] stream, int position) => BinaryPrimitives.ReadInt64LittleEndian(stream.AsSpan(position));

    public static void WriteInt64(byte[] stream, int position, long value) => BinaryPrimitives.WriteInt64LittleEndian(stream.AsSpan(position), value);
}
