namespace SparkRecs.Warehouse.Parquet;

/// <summary>A row group of a Parquet file: its row count and per-column statistics (indexed like <see cref="ParquetFile.Columns"/>).</summary>
public sealed class ParquetRowGroup
{
    internal ParquetRowGroup(int index, long rowCount, long totalByteSize, ParquetColumnStatistics[] statistics)
    {
        Index = index;
        RowCount = rowCount;
        TotalByteSize = totalByteSize;
        Statistics = statistics;
    }

    /// <summary>Position of the row group in the file.</summary>
    public int Index { get; }

    /// <summary>Rows in the row group.</summary>
    public long RowCount { get; }

    /// <summary>Uncompressed size of the row group's data as the writer recorded it.</summary>
    public long TotalByteSize { get; }

    /// <summary>Statistics per leaf column.</summary>
    public IReadOnlyList<ParquetColumnStatistics> Statistics { get; }
}
