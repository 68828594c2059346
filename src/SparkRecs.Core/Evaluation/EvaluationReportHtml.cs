using System.Globalization;
using System.Text;
using static SparkRecs.Core.Evaluation.SvgCharts;

namespace SparkRecs.Core.Evaluation;

/// <summary>
/// Renders an <see cref="EvaluationReport"/> as one self-contained HTML page: no scripts, fonts or
/// external resources, charts as inline SVG. The page opens with the verdict and any low-power
/// warning, states the split and who was evaluated in words, shows every headline number with its
/// interval, naive and SNIPS side by side, and gives each chart a one-line "how to read" caption.
/// Pure string building; the caller writes the file.
/// </summary>
/// <remarks>The markup is well-formed XML after the doctype (void elements self-closed, text escaped).</remarks>
public static partial class EvaluationReportHtml
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private const string Style = """
        body { font-family: system-ui, sans-serif; margin: 2em; color: #222; max-width: 1200px; line-height: 1.4; }
        h2 { margin-top: 1.6em; border-bottom: 1px solid #ddd; padding-bottom: 0.15em; }
        p.note, figcaption { color: #444; font-size: 0.9em; max-width: 75em; }
        table { border-collapse: collapse; margin: 0.5em 0 0.6em; font-size: 0.9em; font-variant-numeric: tabular-nums; }
        th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: right; vertical-align: top; }
        th { background: #f3f5f7; }
        th.t, td.t { text-align: left; }
        tbody tr:nth-child(even) td { background: #fafbfc; }
        tr.group th { background: #e8ecf0; text-align: left; font-weight: 600; }
        td.na { color: #aaa; text-align: center; }
        .warning { background: #fff3cd; border: 1px solid #e0b000; padding: 0.6em; }
        .verdict { font-size: 1.1em; }
        .pass { color: #1a7f37; } .fail { color: #b42318; }
        .charts { display: flex; flex-wrap: wrap; gap: 1.5em 2em; }
        figure { margin: 0; }
        figcaption { margin-top: 0.2em; }
        .chart-title { font-weight: bold; font-size: 13px; } .tick, .legend { font-size: 11px; } .axis { font-size: 12px; fill: #333; }
        .ci { color: #666; font-size: 0.85em; white-space: nowrap; }
        """;

    /// <summary>The report as an HTML document.</summary>
    public static string Render(EvaluationReport report)
    {
        var html = new StringBuilder(64 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n<title>SparkRecs offline evaluation</title>\n<style>\n")
            .Append(Style).Append("\n</style>\n</head>\n<body>\n<h1>SparkRecs offline evaluation</h1>\n");
        Verdict(html, report);
        PowerWarning(html, report);
        Split(html, report);
        MetricTable(html, report);
        MetricCharts(html, report);
        LongTailChart(html, report);
        SegmentCharts(html, report);
        BeyondAccuracyTable(html, report);
        WeightAndRatingTable(html, report);
        Comparisons(html, report);
        RollingOrigins(html, report);
        Gate(html, report);
        Settings(html, report);
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>A value cell, right-aligned with tabular digits.</summary>
    private static void Cell(StringBuilder html, string text) => html.Append("<td>").Append(E(text)).Append("</td>");

    /// <summary>A text cell (names, descriptions), left-aligned.</summary>
    private static void TextCell(StringBuilder html, string text) => html.Append("<td class=\"t\">").Append(E(text)).Append("</td>");

    /// <summary>A header row; the columns at <paramref name="textColumns"/> (default: the first) are left-aligned like their text cells.</summary>
    private static void HeaderRow(StringBuilder html, IReadOnlyList<string> headers, params int[] textColumns)
    {
        html.Append("<thead><tr>");
        for (int i = 0; i < headers.Count; i++)
        {
            bool text = textColumns.Length == 0 ? i == 0 : textColumns.Contains(i);
            html.Append(text ? "<th class=\"t\">" : "<th>").Append(E(headers[i])).Append("</th>");
        }
        html.Append("</tr></thead>\n");
    }

    private static void Item(StringBuilder html, string text) => html.Append("<li>").Append(E(text)).Append("</li>\n");

    private static void Note(StringBuilder html, string text) => html.Append("<p class=\"note\">").Append(E(text)).Append("</p>\n");

    /// <summary>A metric value: three decimals, so columns line up.</summary>
    private static string F3(double value) => value.ToString("0.000", Invariant);

    /// <summary>A share in [0, 1] as a percentage with one decimal; "&lt; 0.1%" rather than a misleading 0.0% for a small nonzero share.</summary>
    private static string Pct(double share) => share > 0 && share < 0.0005 ? "< 0.1%" : share.ToString("0.0%", Invariant);

    private static string Count(long value) => value.ToString("N0", Invariant);
}
