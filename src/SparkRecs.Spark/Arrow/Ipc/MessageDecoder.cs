namespace SparkRecs.Spark.Arrow.Ipc;

/// <summary>
/// Decodes the Message flatbuffer of one IPC message: its envelope (metadata version, header type, body
/// length), a Schema header, or a RecordBatch header with its body. Flatbuffers damage surfaces as
/// <see cref="ArrowFormatException"/> with the message index and, inside a schema, the field path.
/// </summary>
internal static class MessageDecoder
{
    public static (byte HeaderType, long BodyLength) ReadEnvelope(ReadOnlySpan<byte> metadata, IpcContext context)
    {
        try
        {
            FlatTable message = FlatTable.ReadRoot(metadata, "Message");
            short version = message.GetInt16(FlatbufSchema.MessageVersion, "version", 0);
            if (version < FlatbufSchema.MetadataV4 || version > FlatbufSchema.MetadataV5)
            {
                throw context.Unsupported(null, $"metadata version V{version + 1} (this reader implements V4 and V5)",
                    "Use a producer built on Arrow 1.0 or later (Spark 3.0+ is).");
            }

            byte headerType = message.GetByte(FlatbufSchema.MessageHeaderType, "header_type", 0);
            long bodyLength = message.GetInt64(FlatbufSchema.MessageBodyLength, "bodyLength", 0);
            return (headerType, bodyLength);
        }
        catch (FlatBufferFormatException ex)
        {
            throw context.Corrupt(ex.FieldPath, ex.Message);
        }
    }

    public static ArrowSchema DecodeSchema(ReadOnlySpan<byte> metadata, IpcContext context)
    {
        try
        {
            return SchemaDecoder.Decode(Header(metadata, "Schema"), context);
        }
        catch (FlatBufferFormatException ex)
        {
            throw context.Corrupt(ex.FieldPath, ex.Message);
        }
    }

    public static ArrowRecordBatch DecodeRecordBatch(ReadOnlySpan<byte> metadata, ReadOnlyMemory<byte> body, ArrowSchema schema, IpcContext context)
    {
        try
        {
            FlatTable batch = Header(metadata, "RecordBatch");
            if (batch.TryGetTable(FlatbufSchema.RecordBatchCompression, "compression", out FlatTable compression))
            {
                string codec = FlatbufSchema.CodecName(compression.GetByte(FlatbufSchema.BodyCompressionCodec, "codec", 0));
                throw context.Unsupported(null, $"the record batch body is compressed with {codec}",
                    "Leave Arrow compression off for the Spark Connect session (spark.sql.execution.arrow.compression.codec=none, "
                    + "the default); the reader decodes uncompressed batches only.");
            }

            long length = batch.GetInt64(FlatbufSchema.RecordBatchLength, "length", 0);
            if (length < 0 || length >= int.MaxValue)
            {
                throw context.Corrupt(null, $"the record batch declares {length} rows");
            }

            FlatVector nodes = batch.GetVector(FlatbufSchema.RecordBatchNodes, "nodes", FlatbufSchema.StructOf2LongsSize);
            FlatVector buffers = batch.GetVector(FlatbufSchema.RecordBatchBuffers, "buffers", FlatbufSchema.StructOf2LongsSize);
            ArrowColumn[] columns = ColumnAssembler.Assemble(schema, (int)length, nodes, buffers, body, context);
            return new ArrowRecordBatch(schema, (int)length, columns, context.Source, context.MessageIndex);
        }
        catch (FlatBufferFormatException ex)
        {
            throw context.Corrupt(ex.FieldPath, ex.Message);
        }
    }

    private static FlatTable Header(ReadOnlySpan<byte> metadata, string name)
    {
        FlatTable message = FlatTable.ReadRoot(metadata, "Message");
        if (!message.TryGetTable(FlatbufSchema.MessageHeader, "header", out FlatTable header))
        {
            throw new FlatBufferFormatException($"the {name} message has no header table");
        }

        return header;
    }
}
