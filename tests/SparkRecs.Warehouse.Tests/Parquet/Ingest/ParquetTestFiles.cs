using SparkRecs.Warehouse.Parquet;

namespace SparkRecs.Warehouse.Tests.Parquet.Ingest;

/// <summary>A column of a test file: its name, type, and one value array per row group (null = a null slot).</summary>
public sealed record TestColumn(string Name, ParquetWriterType Type, params object?[][] RowGroups);

/// <summary>Writes small Parquet files with <see cref="ParquetWriter"/> for the ingest tests.</summary>
public static class ParquetTestFiles
{
    /// <summary>Writes <paramref name="columns"/> to <paramref name="path"/> (creating folders); a column with a null anywhere is optional.</summary>
    public static string Write(string path, ParquetWriterOptions? options, params TestColumn[] columns)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        ParquetWriterColumn[] schema = columns
            .Select(c => new ParquetWriterColumn(c.Name, c.Type, c.RowGroups.Any(g => g.Any(v => v is null))))
            .ToArray();
        using ParquetWriter writer = ParquetWriter.Create(path, schema, options);
        for (int g = 0; g < columns[0].RowGroups.Length; g++)
        {
            writer.BeginRowGroup(columns[0].RowGroups[g].Length);
            for (int c = 0; c < columns.Length; c++)
            {
                object?[] values = columns[c].RowGroups[g];
                bool[] present = values.Select(v => v is not null).ToArray();
                switch (columns[c].Type)
                {
                    case ParquetWriterType.String:
                        writer.WriteStrings(c, values.Select(v => (string?)v).ToList());
                        break;
                    case ParquetWriterType.Int32:
                        writer.WriteInt32(c, values.Select(v => v is null ? 0 : Convert.ToInt32(v)).ToArray(), present);
                        break;
                    case ParquetWriterType.Double:
                        writer.WriteDouble(c, values.Select(v => v is null ? 0 : Convert.ToDouble(v)).ToArray(), present);
                        break;
                    case ParquetWriterType.Float:
                        writer.WriteFloat(c, values.Select(v => v is null ? 0 : Convert.ToSingle(v)).ToArray(), present);
                        break;
                    default:
                        writer.WriteInt64(c, values.Select(v => v is null ? 0 : Convert.ToInt64(v)).ToArray(), present);
                        break;
                }
            }

            writer.EndRowGroup();
        }

        writer.Complete();
        return path;
    }

    /// <summary>Writes with the default options (snappy, dictionary strings).</summary>
    public static string Write(string path, params TestColumn[] columns) => Write(path, null, columns);

    /// <summary>Unix ms of <paramref name="day"/> plus <paramref name="hours"/>.</summary>
    public static long Ms(DateOnly day, int hours = 0) => new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddHours(hours).ToUnixTimeMilliseconds();
}
