namespace SparkRecs.Warehouse.Tests.Parquet;

/// <summary>Reads the corpus' <c>*_expect.csv</c> files: comma-separated, optionally double-quoted fields; header names trimmed.</summary>
public static class CorpusCsv
{
    public static (string[] Header, List<string[]> Rows) Read(string path)
    {
        string[] lines = File.ReadAllLines(path);
        string[] header = [.. Split(lines[0]).Select(h => h.Trim())];
        var rows = lines.Skip(1).Where(l => l.Length > 0).Select(Split).ToList();
        return (header, rows);
    }

    private static string[] Split(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        fields.Add(current.ToString());
        return [.. fields];
    }
}
