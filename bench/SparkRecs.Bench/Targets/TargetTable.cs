namespace SparkRecs.Bench.Targets;

/// <summary>
/// Renders the target rows as one Markdown table (pastable into the README), followed by one line
/// per row that has a note or a failure.
/// </summary>
internal static class TargetTable
{
    private static readonly string[] Headers = ["target", "ours", "reference", "ratio", "bar", "status"];

    /// <summary>The table's lines: header, separator, one line per row, then the notes.</summary>
    public static IReadOnlyList<string> Render(IReadOnlyList<TargetRow> rows)
    {
        var cells = rows.Select(r => new[] { r.Target, r.FigureText, r.ReferenceText, r.RatioText, r.Bar?.Describe() ?? "-", r.StatusText }).ToList();
        var widths = Headers.Select((h, c) => cells.Select(row => row[c].Length).Append(h.Length).Max()).ToArray();
        var lines = new List<string>
        {
            Line(Headers, widths),
            "|" + string.Join("|", widths.Select((w, c) => c == 0 ? new string('-', w + 2) : new string('-', w + 1) + ":")) + "|",
        };
        lines.AddRange(cells.Select(row => Line(row, widths)));
        foreach (var row in rows)
        {
            if (row.Failure is not null)
            {
                lines.Add($"- {row.Target}: FAILED: {row.Failure}");
            }
            if (row.Note is not null)
            {
                lines.Add($"- {row.Target}: {row.Note}");
            }
        }
        return lines;
    }

    private static string Line(string[] cells, int[] widths) =>
        "| " + string.Join(" | ", cells.Select((cell, c) => c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))) + " |";
}
