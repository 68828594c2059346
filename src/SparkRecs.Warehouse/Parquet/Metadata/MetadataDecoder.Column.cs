using SparkRecs.Warehouse.Parquet.Thrift;

namespace SparkRecs.Warehouse.Parquet.Metadata;

/// <summary>Column metadata, statistics and page headers.</summary>
internal static partial class MetadataDecoder
{
    private static ColumnMetaData ReadColumnMetaData(ref CompactReader reader)
    {
        var meta = new ColumnMetaData();
        short last = 0;
        while (reader.ReadFieldHeader(ref last, out CompactType type, out short id))
        {
            switch (id)
            {
                case 1 when type == CompactType.I32:
                    meta.Type = (ParquetPhysicalType)reader.ReadI32();
                    break;
                case 2 when type == CompactType.List:
                    meta.Encodings = ReadI32List(ref reader);
                    break;
                case 3 when type == CompactType.List:
                    meta.PathInSchema = ReadStringList(ref reader);
                    break;
                case 4 when type == CompactType.I32:
                    meta.Codec = reader.ReadI32();
                    break;
                case 5 when type == CompactType.I64:
                    meta.NumValues = reader.ReadI64();
                    break;
                case 6 when type == CompactType.I64:
                    meta.TotalUncompressedSize = reader.ReadI64();
                    break;
                case 7 when type == CompactType.I64:
                    meta.TotalCompressedSize = reader.ReadI64();
                    break;
                case 9 when type == CompactType.I64:
                    meta.DataPageOffset = reader.ReadI64();
                    break;
                case 11 when type == CompactType.I64:
                    meta.DictionaryPageOffset = reader.ReadI64();
                    break;
                case 12 when type == CompactType.Struct:
                    meta.Statistics = ReadStatistics(ref reader);
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        return meta;
    }

    private static Statistics ReadStatistics(ref CompactReader reader)
    {
        var stats = new Statistics();
        short last = 0;
        while (reader.ReadFieldHeader(ref last, out CompactType type, out short id))
        {
            switch (id)
            {
                case 1 when type == CompactType.Binary:
                    stats.Max = reader.ReadBinary().ToArray();
                    break;
                case 2 when type == CompactType.Binary:
                    stats.Min = reader.ReadBinary().ToArray();
                    break;
                case 3 when type == CompactType.I64:
                    stats.NullCount = reader.ReadI64();
                    break;
                case 4 when type == CompactType.I64:
                    stats.DistinctCount = reader.ReadI64();
                    break;
                case 5 when type == CompactType.Binary:
                    stats.MaxValue = reader.ReadBinary().ToArray();
                    break;
                case 6 when type == CompactType.Binary:
                    stats.MinValue = reader.ReadBinary().ToArray();
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        return stats;
    }

    private static int[] ReadI32List(ref CompactReader reader)
    {
        int count = reader.ReadListHeader(out _);
        var values = new int[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = reader.ReadI32();
        }

        return values;
    }

    private static string[] ReadStringList(ref CompactReader reader)
    {
        int count = reader.ReadListHeader(out _);
        var values = new string[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = reader.ReadString();
        }

        return values;
    }

    /// <summary>Decodes a page header; <paramref name="consumed"/> is its length in bytes.</summary>
    public static PageHeader ReadPageHeader(ReadOnlySpan<byte> bytes, out int consumed)
    {
        var reader = new CompactReader(bytes);
        var header = new PageHeader();
        short last = 0;
        while (reader.ReadFieldHeader(ref last, out CompactType type, out short id))
        {
            switch (id)
            {
                case 1 when type == CompactType.I32:
                    header.Type = (PageType)reader.ReadI32();
                    break;
                case 2 when type == CompactType.I32:
                    header.UncompressedPageSize = reader.ReadI32();
                    break;
                case 3 when type == CompactType.I32:
                    header.CompressedPageSize = reader.ReadI32();
                    break;
                case 4 when type == CompactType.I32:
                    header.Crc = reader.ReadI32();
                    break;
                case 5 when type == CompactType.Struct:
                    ReadDataPageHeader(ref reader, header);
                    break;
                case 7 when type == CompactType.Struct:
                    ReadDictionaryPageHeader(ref reader, header);
                    break;
                case 8 when type == CompactType.Struct:
                    ReadDataPageHeaderV2(ref reader, header);
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        consumed = reader.Position;
        return header;
    }

    private static void ReadDataPageHeader(ref CompactReader reader, PageHeader header)
    {
        header.HasSubHeader = true;
        short last = 0;
        while (reader.ReadFieldHeader(ref last, out CompactType type, out short id))
        {
            switch (id)
            {
                case 1 when type == CompactType.I32:
                    header.NumValues = reader.ReadI32();
                    break;
                case 2 when type == CompactType.I32:
                    header.Encoding = reader.ReadI32();
                    break;
                case 3 when type == CompactType.I32:
                    header.DefinitionLevelEncoding = reader.ReadI32();
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }
    }

    private static void ReadDictionaryPageHeader(ref CompactReader reader, PageHeader header)
    {
        header.HasSubHeader = true;
        short last = 0;
        while (reader.ReadFieldHeader(ref last, out CompactType type, out short id))
        {
            switch (id)
            {
                case 1 when type == CompactType.I32:
                    header.NumValues = reader.ReadI32();
                    break;
                case 2 when type == CompactType.I32:
                    header.Encoding = reader.ReadI32();
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }
    }

    private static void ReadDataPageHeaderV2(ref CompactReader reader, PageHeader header)
    {
        header.HasSubHeader = true;
        short last = 0;
        while (reader.ReadFieldHeader(ref last, out CompactType type, out short id))
        {
            switch (id)
            {
                case 1 when type == CompactType.I32:
                    header.NumValues = reader.ReadI32();
                    break;
                case 2 when type == CompactType.I32:
                    header.NumNulls = reader.ReadI32();
                    break;
                case 3 when type == CompactType.I32:
                    header.NumRows = reader.ReadI32();
                    break;
                case 4 when type == CompactType.I32:
                    header.Encoding = reader.ReadI32();
                    break;
                case 5 when type == CompactType.I32:
                    header.DefinitionLevelsByteLength = reader.ReadI32();
                    break;
                case 6 when type == CompactType.I32:
                    header.RepetitionLevelsByteLength = reader.ReadI32();
                    break;
                case 7:
                    header.IsCompressed = CompactReader.BooleanOf(type);
                    reader.Skip(type);
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }
    }
}
