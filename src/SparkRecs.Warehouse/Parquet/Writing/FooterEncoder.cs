using System.Buffers;
using SparkRecs.Warehouse.Parquet.Thrift;

namespace SparkRecs.Warehouse.Parquet.Writing;

/// <summary>Encodes <c>FileMetaData</c> and page headers with the Thrift compact protocol (field ids from parquet.thrift).</summary>
internal static class FooterEncoder
{
    private const int RepetitionRequired = 0;
    private const int RepetitionOptional = 1;
    private const int ConvertedUtf8 = 0;
    private const int ConvertedTimestampMillis = 9;

    public static void WriteFileMetaData(
        ArrayBufferWriter<byte> output,
        IReadOnlyList<ParquetWriterColumn> columns,
        IReadOnlyList<RowGroupRecord> rowGroups,
        string createdBy)
    {
        var w = new CompactWriter(output);
        short last = 0;
        w.WriteI32Field(ref last, 1, 2);
        w.BeginListField(ref last, 2, CompactType.Struct, columns.Count + 1);
        WriteRoot(w, columns.Count);
        foreach (ParquetWriterColumn column in columns)
        {
            WriteSchemaElement(w, column);
        }

        long rows = 0;
        foreach (RowGroupRecord group in rowGroups)
        {
            rows += group.RowCount;
        }

        w.WriteI64Field(ref last, 3, rows);
        w.BeginListField(ref last, 4, CompactType.Struct, rowGroups.Count);
        for (int g = 0; g < rowGroups.Count; g++)
        {
            WriteRowGroup(w, rowGroups[g], g);
        }

        w.WriteStringField(ref last, 6, createdBy);

        // column_orders: TYPE_ORDER for every column, so readers trust min_value/max_value.
        w.BeginListField(ref last, 7, CompactType.Struct, columns.Count);
        for (int c = 0; c < columns.Count; c++)
        {
            short order = 0;
            w.BeginStructField(ref order, 1);
            w.WriteStop();
            w.WriteStop();
        }

        w.WriteStop();
    }

    public static void WritePageHeader(ArrayBufferWriter<byte> output, bool dictionary, int uncompressed, int compressed, int crc, int numValues, int encoding)
    {
        var w = new CompactWriter(output);
        short last = 0;
        w.WriteI32Field(ref last, 1, dictionary ? 2 : 0);
        w.WriteI32Field(ref last, 2, uncompressed);
        w.WriteI32Field(ref last, 3, compressed);
        w.WriteI32Field(ref last, 4, crc);
        w.BeginStructField(ref last, dictionary ? (short)7 : (short)5);
        short inner = 0;
        w.WriteI32Field(ref inner, 1, numValues);
        w.WriteI32Field(ref inner, 2, encoding);
        if (!dictionary)
        {
            w.WriteI32Field(ref inner, 3, 3);
            w.WriteI32Field(ref inner, 4, 3);
        }

        w.WriteStop();
        w.WriteStop();
    }

    private static void WriteRoot(CompactWriter w, int children)
    {
        short last = 0;
        w.WriteStringField(ref last, 4, "schema");
        w.WriteI32Field(ref last, 5, children);
        w.WriteStop();
    }

    private static void WriteSchemaElement(CompactWriter w, ParquetWriterColumn column)
    {
        short last = 0;
        w.WriteI32Field(ref last, 1, (int)PhysicalTypeOf(column.Type));
        w.WriteI32Field(ref last, 3, column.IsOptional ? RepetitionOptional : RepetitionRequired);
        w.WriteStringField(ref last, 4, column.Name);
        if (column.Type == ParquetWriterType.String)
        {
            w.WriteI32Field(ref last, 6, ConvertedUtf8);
            w.BeginStructField(ref last, 10);
            short logical = 0;
            w.BeginStructField(ref logical, 1);
            w.WriteStop();
            w.WriteStop();
        }
        else if (column.Type == ParquetWriterType.TimestampMillis)
        {
            w.WriteI32Field(ref last, 6, ConvertedTimestampMillis);
            w.BeginStructField(ref last, 10);
            short logical = 0;
            w.BeginStructField(ref logical, 8);
            short timestamp = 0;
            w.WriteBoolField(ref timestamp, 1, true);
            w.BeginStructField(ref timestamp, 2);
            short unit = 0;
            w.BeginStructField(ref unit, 1);
            w.WriteStop();
            w.WriteStop();
            w.WriteStop();
            w.WriteStop();
        }

        w.WriteStop();
    }

    private static void WriteRowGroup(CompactWriter w, RowGroupRecord group, int ordinal)
    {
        short last = 0;
        w.BeginListField(ref last, 1, CompactType.Struct, group.Chunks.Length);
        long uncompressed = 0;
        long compressed = 0;
        foreach (ChunkRecord chunk in group.Chunks)
        {
            WriteColumnChunk(w, chunk);
            uncompressed += chunk.TotalUncompressedSize;
            compressed += chunk.TotalCompressedSize;
        }

        w.WriteI64Field(ref last, 2, uncompressed);
        w.WriteI64Field(ref last, 3, group.RowCount);
        w.WriteI64Field(ref last, 5, group.FileOffset);
        w.WriteI64Field(ref last, 6, compressed);
        w.WriteI32Field(ref last, 7, ordinal);
        w.WriteStop();
    }

    private static void WriteColumnChunk(CompactWriter w, ChunkRecord chunk)
    {
        short last = 0;
        w.WriteI64Field(ref last, 2, chunk.FileOffset);
        w.BeginStructField(ref last, 3);
        short meta = 0;
        w.WriteI32Field(ref meta, 1, (int)chunk.Type);
        w.BeginListField(ref meta, 2, CompactType.I32, chunk.Encodings.Count);
        foreach (int encoding in chunk.Encodings)
        {
            w.WriteI32Element(encoding);
        }

        w.BeginListField(ref meta, 3, CompactType.Binary, 1);
        w.WriteStringElement(chunk.Name);
        w.WriteI32Field(ref meta, 4, chunk.Codec);
        w.WriteI64Field(ref meta, 5, chunk.NumValues);
        w.WriteI64Field(ref meta, 6, chunk.TotalUncompressedSize);
        w.WriteI64Field(ref meta, 7, chunk.TotalCompressedSize);
        w.WriteI64Field(ref meta, 9, chunk.DataPageOffset);
        if (chunk.DictionaryPageOffset is { } dictionary)
        {
            w.WriteI64Field(ref meta, 11, dictionary);
        }

        w.BeginStructField(ref meta, 12);
        short stats = 0;
        w.WriteI64Field(ref stats, 3, chunk.NullCount);
        if (chunk.Min is not null && chunk.Max is not null)
        {
            w.WriteBinaryField(ref stats, 5, chunk.Max);
            w.WriteBinaryField(ref stats, 6, chunk.Min);
        }

        w.WriteStop();
        w.WriteStop();
        w.WriteStop();
    }

    public static ParquetPhysicalType PhysicalTypeOf(ParquetWriterType type) => type switch
    {
        ParquetWriterType.Int32 => ParquetPhysicalType.Int32,
        ParquetWriterType.Float => ParquetPhysicalType.Float,
        ParquetWriterType.Double => ParquetPhysicalType.Double,
        ParquetWriterType.String => ParquetPhysicalType.ByteArray,
        _ => ParquetPhysicalType.Int64,
    };
}
