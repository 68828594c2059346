using System.Globalization;
using System.Net;
using System.Text;

namespace SparkRecs.Core.Evaluation;

/// <summary>
/// Minimal inline SVG charts for the HTML report: a line chart over categorical x positions and a
/// grouped bar chart, each with a y axis from 0, tick labels, a legend and per-point tooltips.
/// Output is well-formed XML (every element closed, text escaped), so the page needs no script.
/// </summary>
internal static class SvgCharts
{
    internal static readonly string[] Palette = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#17becf", "#7f7f7f"];

    private const int Width = 520;
    private const int Height = 280;
    private const int Left = 52;
    private const int Right = 150;
    private const int Top = 28;
    private const int Bottom = 42;

    /// <summary>One line or one bar colour: a name for the legend, a value per x position.</summary>
    internal sealed record Series(string Name, IReadOnlyList<double> Values, string Color, bool Dashed = false);

    /// <summary>Appends a line chart.</summary>
    internal static void Line(StringBuilder html, string title, string xTitle, IReadOnlyList<string> xLabels, IReadOnlyList<Series> series)
    {
        double yMax = NiceMax(series.SelectMany(s => s.Values));
        int n = xLabels.Count;
        double PlotX(int i) => Left + (n <= 1 ? (Width - Left - Right) / 2.0 : i * (Width - Left - Right) / (double)(n - 1));
        Frame(html, title, xTitle, yMax, xLabels, PlotX);
        foreach (var s in series)
        {
            var points = new StringBuilder();
            for (int i = 0; i < s.Values.Count && i < n; i++)
            {
                points.Append(N(PlotX(i))).Append(',').Append(N(Y(s.Values[i], yMax))).Append(' ');
            }
            html.Append("<polyline fill=\"none\" stroke=\"").Append(s.Color).Append("\" stroke-width=\"2\"")
                .Append(s.Dashed ? " stroke-dasharray=\"6 3\"" : "").Append(" points=\"").Append(points.ToString().TrimEnd()).Append("\" />\n");
            for (int i = 0; i < s.Values.Count && i < n; i++)
            {
                html.Append("<circle cx=\"").Append(N(PlotX(i))).Append("\" cy=\"").Append(N(Y(s.Values[i], yMax)))
                    .Append("\" r=\"3\" fill=\"").Append(s.Color).Append("\"><title>").Append(E(s.Name)).Append(' ')
                    .Append(E(xLabels[i])).Append(": ").Append(V(s.Values[i])).Append("</title></circle>\n");
            }
        }
        Legend(html, series);
        html.Append("</svg>\n");
    }

    /// <summary>Appends a grouped bar chart: one group per label, one bar per series.</summary>
    internal static void Bars(StringBuilder html, string title, string xTitle, IReadOnlyList<string> groups, IReadOnlyList<Series> series)
    {
        double yMax = NiceMax(series.SelectMany(s => s.Values));
        double groupWidth = (Width - Left - Right) / (double)Math.Max(1, groups.Count);
        double PlotX(int g) => Left + (g + 0.5) * groupWidth;
        Frame(html, title, xTitle, yMax, groups, PlotX);
        double barWidth = groupWidth * 0.8 / Math.Max(1, series.Count);
        for (int s = 0; s < series.Count; s++)
        {
            for (int g = 0; g < groups.Count && g < series[s].Values.Count; g++)
            {
                double value = series[s].Values[g];
                double x = Left + g * groupWidth + groupWidth * 0.1 + s * barWidth;
                double y = Y(value, yMax);
                html.Append("<rect x=\"").Append(N(x)).Append("\" y=\"").Append(N(y)).Append("\" width=\"").Append(N(barWidth))
                    .Append("\" height=\"").Append(N(Height - Bottom - y)).Append("\" fill=\"").Append(series[s].Color).Append("\"><title>")
                    .Append(E(series[s].Name)).Append(' ').Append(E(groups[g])).Append(": ").Append(V(value)).Append("</title></rect>\n");
            }
        }
        Legend(html, series);
        html.Append("</svg>\n");
    }

    private static void Frame(StringBuilder html, string title, string xTitle, double yMax, IReadOnlyList<string> xLabels, Func<int, double> plotX)
    {
        html.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").Append(Width).Append("\" height=\"").Append(Height)
            .Append("\" viewBox=\"0 0 ").Append(Width).Append(' ').Append(Height).Append("\" role=\"img\" aria-label=\"").Append(E(title)).Append("\">\n")
            .Append("<text x=\"").Append(Left).Append("\" y=\"16\" class=\"chart-title\">").Append(E(title)).Append("</text>\n");
        for (int t = 0; t <= 4; t++)
        {
            double value = yMax * t / 4;
            double y = Y(value, yMax);
            html.Append("<line x1=\"").Append(Left).Append("\" x2=\"").Append(Width - Right).Append("\" y1=\"").Append(N(y)).Append("\" y2=\"").Append(N(y))
                .Append("\" stroke=\"#ddd\" />\n<text x=\"").Append(Left - 6).Append("\" y=\"").Append(N(y + 4)).Append("\" text-anchor=\"end\" class=\"tick\">")
                .Append(V(value)).Append("</text>\n");
        }
        html.Append("<line x1=\"").Append(Left).Append("\" x2=\"").Append(Left).Append("\" y1=\"").Append(Top).Append("\" y2=\"").Append(Height - Bottom).Append("\" stroke=\"#444\" />\n");
        int step = Math.Max(1, (int)Math.Ceiling(xLabels.Count / 10.0));
        for (int i = 0; i < xLabels.Count; i += step)
        {
            html.Append("<text x=\"").Append(N(plotX(i))).Append("\" y=\"").Append(Height - Bottom + 16).Append("\" text-anchor=\"middle\" class=\"tick\">")
                .Append(E(xLabels[i])).Append("</text>\n");
        }
        html.Append("<text x=\"").Append(N((Left + Width - Right) / 2.0)).Append("\" y=\"").Append(Height - 6).Append("\" text-anchor=\"middle\" class=\"axis\">")
            .Append(E(xTitle)).Append("</text>\n");
    }

    private static void Legend(StringBuilder html, IReadOnlyList<Series> series)
    {
        for (int s = 0; s < series.Count; s++)
        {
            int y = Top + 6 + s * 18;
            html.Append("<line x1=\"").Append(Width - Right + 10).Append("\" x2=\"").Append(Width - Right + 30).Append("\" y1=\"").Append(y).Append("\" y2=\"").Append(y)
                .Append("\" stroke=\"").Append(series[s].Color).Append("\" stroke-width=\"3\"").Append(series[s].Dashed ? " stroke-dasharray=\"6 3\"" : "").Append(" />\n")
                .Append("<text x=\"").Append(Width - Right + 36).Append("\" y=\"").Append(y + 4).Append("\" class=\"legend\">").Append(E(series[s].Name)).Append("</text>\n");
        }
    }

    private static double Y(double value, double yMax) => Height - Bottom - Math.Clamp(value / yMax, 0, 1) * (Height - Top - Bottom);

    /// <summary>The smallest of 1, 2, 2.5, 5 x 10^k at or above the largest value (1 when nothing is positive).</summary>
    internal static double NiceMax(IEnumerable<double> values)
    {
        double max = values.Where(double.IsFinite).DefaultIfEmpty(0).Max();
        if (max <= 0)
        {
            return 1;
        }
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(max)));
        foreach (double step in new[] { 1, 2, 2.5, 5, 10 })
        {
            if (step * magnitude >= max)
            {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    internal static string V(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    internal static string E(string text) => WebUtility.HtmlEncode(text);
}
