using SparkRecs.Warehouse.Parquet;

namespace SparkRecs.Warehouse.Tests.Parquet;

/// <summary>Outcome of reading every column of every row group of one corpus file.</summary>
public sealed record ConformanceResult(string File, string Outcome, string Detail, Exception? Crash);

/// <summary>Reads a whole corpus file and classifies it: read, partly read (some columns refused), or refused.</summary>
public static class ConformanceRunner
{
    public static ConformanceResult Run(string root, string path)
    {
        string relative = Path.GetRelativePath(root, path).Replace('\\', '/');
        try
        {
            using ParquetFile file = ParquetFile.Open(path);
            var refused = new SortedDictionary<string, string>(StringComparer.Ordinal);
            int readable = 0;
            long values = 0;
            foreach (ParquetColumnSchema column in file.Columns)
            {
                string? problem = null;
                for (int g = 0; g < file.RowGroups.Count && problem is null; g++)
                {
                    try
                    {
                        values += file.ReadColumn(g, column.Index).Length;
                    }
                    catch (ParquetFormatException e)
                    {
                        problem = $"{(e.Problem == ParquetProblem.Corrupt ? "corrupt: " : "")}{e.Detail}";
                    }
                }

                if (problem is null)
                {
                    readable++;
                }
                else
                {
                    refused[column.Name] = problem;
                }
            }

            if (refused.Count == 0)
            {
                return new ConformanceResult(relative, "read", $"{file.Columns.Count} columns, {file.RowCount} rows, {file.RowGroups.Count} row groups", null);
            }

            var groups = refused.GroupBy(r => r.Value).ToList();
            string reasons = string.Join("; ", groups.Take(3).Select(g => $"{g.Key} ({string.Join(", ", g.Select(r => r.Key).Take(3))}{(g.Count() > 3 ? ", ..." : "")})"))
                + (groups.Count > 3 ? $"; and {groups.Count - 3} more of the same kind" : "");
            return readable == 0
                ? new ConformanceResult(relative, "refused", reasons, null)
                : new ConformanceResult(relative, "partly read", $"{readable} of {file.Columns.Count} columns read; refused: {reasons}", null);
        }
        catch (ParquetFormatException e)
        {
            return new ConformanceResult(relative, "refused", $"{(e.Problem == ParquetProblem.Corrupt ? "corrupt: " : "")}{e.Detail}", null);
        }
        catch (Exception e)
        {
            return new ConformanceResult(relative, "CRASH", e.GetType().Name + ": " + e.Message, e);
        }
    }

    public static IEnumerable<string> CorpusFiles(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".parquet", StringComparison.Ordinal) || f.EndsWith(".parquet.encrypted", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
}
