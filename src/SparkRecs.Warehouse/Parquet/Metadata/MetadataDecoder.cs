using SparkRecs.Warehouse.Parquet.Thrift;

namespace SparkRecs.Warehouse.Parquet.Metadata;

/// <summary>
/// Decodes the Parquet footer structures from Thrift compact bytes. Field ids follow parquet.thrift;
/// unknown fields are skipped, so files from newer writers still parse.
/// </summary>
internal static partial class MetadataDecoder
{
    public static FileMetaData ReadFileMetaData(ReadOnlySpan<byte> bytes)
    {
        var reader = new CompactReader(bytes);
        var meta = new FileMetaData();
        short last = 0;
        while (reader.ReadFieldHeader(ref last, out CompactType type, out short id))
        {
            switch (id)
            {
                case 1 when type == CompactType.I32:
                    meta.Version = reader.ReadI32();
                    break;
                case 2 when type == CompactType.List:
                    meta.Schema = ReadList(ref reader, static (ref CompactReader r) => ReadSchemaElement(ref r));
                    break;
                case 3 when type == CompactType.I64:
                    meta.NumRows = reader.ReadI64();
                    break;
                case 4 when type == CompactType.List:
                    meta.RowGroups = ReadList(ref reader, static (ref CompactReader r) => ReadRowGroup(ref r));
                    break;
                case 5 when type == CompactType.List:
                    ReadKeyValues(ref reader, meta.KeyValues);
                    break;
                case 6 when type == CompactType.Binary:
                    meta.CreatedBy = reader.ReadString();
                    break;
                case 8 when type == CompactType.Struct:
                    meta.HasEncryptionAlgorithm = true;
                    reader.SkipStruct();
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        return meta;
    }

    private delegate T ElementReader<T>(ref CompactReader reader);

    private static T[] ReadList<T>(ref CompactReader reader, ElementReader<T> read)
    {
        int count = reader.ReadListHeader(out CompactType element);
        if (element != CompactType.Struct && count > 0)
        {
            throw new InvalidDataException($"expected a list of structs, found element type {element}");
        }

        var items = new T[count];
        for (int i = 0; i < count; i++)
        {
            items[i] = read(ref reader);
        }

        return items;
    }

    private static void ReadKeyValues(ref CompactReader reader, List<KeyValuePair<string, string?>> into)
    {
        int count = reader.ReadListHeader(out _);
        for (int i = 0; i < count; i++)
        {
            string key = "";
            string? value = null;
            short last = 0;
            while (reader.ReadFieldHeader(ref last, out CompactType type, out short id))
            {
                if (id == 1 && type == CompactType.Binary)
                {
                    key = reader.ReadString();
                }
                else if (id == 2 && type == CompactType.Binary)
                {
                    value = reader.ReadString();
                }
                else
                {
                    reader.Skip(type);
                }
            }

            into.Add(new KeyValuePair<string, string?>(key, value));
        }
    }

    private static SchemaElement ReadSchemaElement(ref CompactReader reader)
    {
        var element = new SchemaElement();
        short last = 0;
        while (reader.ReadFieldHeader(ref last, out CompactType type, out short id))
        {
            switch (id)
            {
                case 1 when type == CompactType.I32:
                    element.Type = (ParquetPhysicalType)reader.ReadI32();
                    break;
                case 2 when type == CompactType.I32:
                    element.TypeLength = reader.ReadI32();
                    break;
                case 3 when type == CompactType.I32:
                    element.Repetition = reader.ReadI32();
                    break;
                case 4 when type == CompactType.Binary:
                    element.Name = reader.ReadString();
                    break;
                case 5 when type == CompactType.I32:
                    element.NumChildren = reader.ReadI32();
                    break;
                case 6 when type == CompactType.I32:
                    element.ConvertedType = reader.ReadI32();
                    break;
                case 7 when type == CompactType.I32:
                    element.Scale = reader.ReadI32();
                    break;
                case 8 when type == CompactType.I32:
                    element.Precision = reader.ReadI32();
                    break;
                case 10 when type == CompactType.Struct:
                    element.Logical = ReadLogicalType(ref reader);
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        return element;
    }

    private static LogicalTypeInfo ReadLogicalType(ref CompactReader reader)
    {
        var info = new LogicalTypeInfo();
        short last = 0;
        while (reader.ReadFieldHeader(ref last, out CompactType type, out short id))
        {
            if (type != CompactType.Struct)
            {
                reader.Skip(type);
                continue;
            }

            info.FieldId = id;
            short inner = 0;
            while (reader.ReadFieldHeader(ref inner, out CompactType fieldType, out short fieldId))
            {
                switch (id, fieldId)
                {
                    case (5, 1) when fieldType == CompactType.I32:
                        info.DecimalScale = reader.ReadI32();
                        break;
                    case (5, 2) when fieldType == CompactType.I32:
                        info.DecimalPrecision = reader.ReadI32();
                        break;
                    case (7 or 8, 1):
                        info.IsAdjustedToUtc = CompactReader.BooleanOf(fieldType);
                        reader.Skip(fieldType);
                        break;
                    case (7 or 8, 2) when fieldType == CompactType.Struct:
                        info.TimeUnit = ReadUnionTag(ref reader);
                        break;
                    case (10, 1) when fieldType == CompactType.Byte:
                        info.BitWidth = (sbyte)reader.ReadByte();
                        break;
                    case (10, 2):
                        info.IsSigned = CompactReader.BooleanOf(fieldType);
                        reader.Skip(fieldType);
                        break;
                    default:
                        reader.Skip(fieldType);
                        break;
                }
            }
        }

        return info;
    }

    /// <summary>Reads a union of empty structs and returns the id of the member that was set.</summary>
    private static short ReadUnionTag(ref CompactReader reader)
    {
        short tag = 0;
        short last = 0;
        while (reader.ReadFieldHeader(ref last, out CompactType type, out short id))
        {
            tag = id;
            reader.Skip(type);
        }

        return tag;
    }

    private static RowGroup ReadRowGroup(ref CompactReader reader)
    {
        var group = new RowGroup();
        short last = 0;
        while (reader.ReadFieldHeader(ref last, out CompactType type, out short id))
        {
            switch (id)
            {
                case 1 when type == CompactType.List:
                    group.Columns = ReadList(ref reader, static (ref CompactReader r) => ReadColumnChunk(ref r));
                    break;
                case 2 when type == CompactType.I64:
                    group.TotalByteSize = reader.ReadI64();
                    break;
                case 3 when type == CompactType.I64:
                    group.NumRows = reader.ReadI64();
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        return group;
    }

    private static ColumnChunk ReadColumnChunk(ref CompactReader reader)
    {
        var chunk = new ColumnChunk();
        short last = 0;
        while (reader.ReadFieldHeader(ref last, out CompactType type, out short id))
        {
            switch (id)
            {
                case 1 when type == CompactType.Binary:
                    chunk.FilePath = reader.ReadString();
                    break;
                case 3 when type == CompactType.Struct:
                    chunk.MetaData = ReadColumnMetaData(ref reader);
                    break;
                case 8 or 9:
                    chunk.IsEncrypted = true;
                    reader.Skip(type);
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        return chunk;
    }
}
