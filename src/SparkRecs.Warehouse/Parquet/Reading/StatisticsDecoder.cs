using System.Buffers.Binary;
using SparkRecs.Warehouse.Parquet.Metadata;

namespace SparkRecs.Warehouse.Parquet.Reading;

/// <summary>
/// Decodes footer min/max bytes (PLAIN encoding of one value) for integer-like columns. The modern
/// <c>min_value</c>/<c>max_value</c> follow the column's sort order; the deprecated <c>min</c>/<c>max</c>
/// were written with signed comparison, so they are trusted only for signed integer columns.
/// </summary>
internal static class StatisticsDecoder
{
    public static ParquetColumnStatistics Decode(ColumnDescriptor column, Statistics? stats)
    {
        if (stats is null)
        {
            return ParquetColumnStatistics.None;
        }

        ParquetColumnSchema schema = column.Schema;
        bool integerLike = schema.IsSupported
            && schema.PhysicalType is ParquetPhysicalType.Int32 or ParquetPhysicalType.Int64
            && schema.ValueKind is ParquetValueKind.Int32 or ParquetValueKind.Int64 or ParquetValueKind.Date or ParquetValueKind.TimestampMillis
            && !(schema.ValueKind == ParquetValueKind.Int64 && schema.PhysicalType == ParquetPhysicalType.Int32);
        long? min = null;
        long? max = null;
        if (integerLike)
        {
            byte[]? minBytes = stats.MinValue ?? stats.Min;
            byte[]? maxBytes = stats.MaxValue ?? stats.Max;
            min = ReadBound(minBytes, schema);
            max = ReadBound(maxBytes, schema);
        }

        return new ParquetColumnStatistics(stats.NullCount, stats.DistinctCount, min, max);
    }

    private static long? ReadBound(byte[]? bytes, ParquetColumnSchema schema)
    {
        if (bytes is null)
        {
            return null;
        }

        long raw;
        if (schema.PhysicalType == ParquetPhysicalType.Int32 && bytes.Length == 4)
        {
            raw = BinaryPrimitives.ReadInt32LittleEndian(bytes);
        }
        else if (schema.PhysicalType == ParquetPhysicalType.Int64 && bytes.Length == 8)
        {
            raw = BinaryPrimitives.ReadInt64LittleEndian(bytes);
        }
        else
        {
            return null;
        }

        return schema.ValueKind == ParquetValueKind.TimestampMillis ? ColumnConverter.ToMillis(raw, schema.TimeUnit) : raw;
    }
}
