using System.Globalization;
using System.Net;
using System.Text;

namespace SparkRecs.Core.Evaluation;

/// <summary>
/// Minimal inline SVG charts for the HTML report: a line chart over categorical x positions and a
/// grouped bar chart, each with a y axis from 0, titled axes, tick labels, a legend and per-point
/// tooltips. Output is well-formed XML (every element closed, text escaped), so the page needs no script.
/// </summary>
/// <remarks>
/// Series are told apart by more than colour: the palette is Okabe and Ito's colour-blind-safe set,
/// each model also gets its own marker shape (so two models with identical values, drawn on top of
/// each other, still show both markers), and derived series (SNIPS, references) are dashed with
/// hollow markers.
/// </remarks>
internal static partial class SvgCharts
{
    /// <summary>Okabe-Ito colours (blue, vermillion, bluish green, reddish purple, orange, sky blue, black, yellow-brown).</summary>
    internal static readonly string[] Palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#8C6D00"];

    /// <summary>Colour of reference curves that are not a model (training popularity, equal exposure).</summary>
    internal const string ReferenceColor = "#555555";

    /// <summary>Width of an ordinary chart, px; two fit side by side in the report's 1200 px column.</summary>
    internal const int DefaultWidth = 560;

    private const int Height = 300;
    private const int Left = 64;
    private const int Right = 160;
    private const int Top = 28;
    private const int Bottom = 46;
    private const int LegendChars = 24;

    /// <summary>One line or one bar colour: a name for the legend, a value per x position.</summary>
    /// <param name="Name">Legend and tooltip text.</param>
    /// <param name="Values">One value per x position.</param>
    /// <param name="Color">Stroke and fill colour.</param>
    /// <param name="Dashed">Dashed line and hollow markers: a derived estimate or a reference, not a model's plain value.</param>
    /// <param name="Marker">Marker shape index (circle, square, triangle, diamond, cycling); negative for no markers.</param>
    internal sealed record Series(string Name, IReadOnlyList<double> Values, string Color, bool Dashed = false, int Marker = 0);

    /// <summary>Axis titles and number format of one chart.</summary>
    /// <param name="XTitle">What the x positions are.</param>
    /// <param name="YTitle">What the y values are, with their unit.</param>
    /// <param name="Percent">Y tick labels as percentages (for shares in [0, 1]).</param>
    /// <param name="Width">Total width, px.</param>
    internal sealed record Axes(string XTitle, string YTitle, bool Percent = false, int Width = DefaultWidth);

    /// <summary>Appends a line chart.</summary>
    internal static void Line(StringBuilder html, string title, Axes axes, IReadOnlyList<string> xLabels, IReadOnlyList<Series> series)
    {
        double yMax = NiceMax(series.SelectMany(s => s.Values));
        int n = xLabels.Count;
        double plotWidth = axes.Width - Left - Right;
        double PlotX(int i) => Left + (n <= 1 ? plotWidth / 2.0 : i * plotWidth / (n - 1));
        Frame(html, title, axes, yMax, xLabels, PlotX);
        foreach (var s in series)
        {
            var points = new StringBuilder();
            for (int i = 0; i < s.Values.Count && i < n; i++)
            {
                points.Append(N(PlotX(i))).Append(',').Append(N(Y(s.Values[i], yMax))).Append(' ');
            }
            html.Append("<polyline fill=\"none\" stroke=\"").Append(s.Color).Append("\" stroke-width=\"2\"")
                .Append(s.Dashed ? " stroke-dasharray=\"6 3\"" : "").Append(" points=\"").Append(points.ToString().TrimEnd()).Append("\" />\n");
            if (s.Marker < 0)
            {
                continue;
            }
            for (int i = 0; i < s.Values.Count && i < n; i++)
            {
                Marker(html, s, PlotX(i), Y(s.Values[i], yMax), $"{s.Name} at {xLabels[i]}: {Format(s.Values[i], axes.Percent)}");
            }
        }
        Legend(html, axes, series);
        html.Append("</svg>\n");
    }

    /// <summary>Appends a grouped bar chart: one group per label, one bar per series.</summary>
    internal static void Bars(StringBuilder html, string title, Axes axes, IReadOnlyList<string> groups, IReadOnlyList<Series> series)
    {
        double yMax = NiceMax(series.SelectMany(s => s.Values));
        double groupWidth = (axes.Width - Left - Right) / (double)Math.Max(1, groups.Count);
        double PlotX(int g) => Left + (g + 0.5) * groupWidth;
        Frame(html, title, axes, yMax, groups, PlotX);
        double barWidth = groupWidth * 0.8 / Math.Max(1, series.Count);
        for (int s = 0; s < series.Count; s++)
        {
            for (int g = 0; g < groups.Count && g < series[s].Values.Count; g++)
            {
                double value = series[s].Values[g];
                double x = Left + g * groupWidth + groupWidth * 0.1 + s * barWidth;
                double y = Y(value, yMax);
                html.Append("<rect x=\"").Append(N(x)).Append("\" y=\"").Append(N(y)).Append("\" width=\"").Append(N(barWidth - 1))
                    .Append("\" height=\"").Append(N(Height - Bottom - y)).Append("\" fill=\"").Append(series[s].Color).Append("\"><title>")
                    .Append(E(series[s].Name)).Append(", ").Append(E(groups[g])).Append(": ").Append(Format(value, axes.Percent)).Append("</title></rect>\n");
            }
        }
        Legend(html, axes, series.Select(s => s with { Marker = -1 }).ToList(), swatches: true);
        html.Append("</svg>\n");
    }

    /// <summary>The svg element, title, y grid with tick labels, axis lines, x tick labels and both axis titles.</summary>
    private static void Frame(StringBuilder html, string title, Axes axes, double yMax, IReadOnlyList<string> xLabels, Func<int, double> plotX)
    {
        int right = axes.Width - Right;
        html.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").Append(axes.Width).Append("\" height=\"").Append(Height)
            .Append("\" viewBox=\"0 0 ").Append(axes.Width).Append(' ').Append(Height).Append("\" role=\"img\" aria-label=\"").Append(E(title)).Append("\">\n")
            .Append("<text x=\"").Append(Left).Append("\" y=\"16\" class=\"chart-title\">").Append(E(title)).Append("</text>\n");
        int ticks = TickCount(yMax);
        for (int t = 0; t <= ticks; t++)
        {
            double value = yMax * t / ticks;
            double y = Y(value, yMax);
            html.Append("<line x1=\"").Append(Left).Append("\" x2=\"").Append(right).Append("\" y1=\"").Append(N(y)).Append("\" y2=\"").Append(N(y))
                .Append("\" stroke=\"#e3e3e3\" />\n<text x=\"").Append(Left - 6).Append("\" y=\"").Append(N(y + 4)).Append("\" text-anchor=\"end\" class=\"tick\">")
                .Append(Format(value, axes.Percent)).Append("</text>\n");
        }
        html.Append("<line x1=\"").Append(Left).Append("\" x2=\"").Append(Left).Append("\" y1=\"").Append(Top).Append("\" y2=\"").Append(Height - Bottom).Append("\" stroke=\"#444\" />\n")
            .Append("<line x1=\"").Append(Left).Append("\" x2=\"").Append(right).Append("\" y1=\"").Append(Height - Bottom).Append("\" y2=\"").Append(Height - Bottom).Append("\" stroke=\"#444\" />\n");
        int step = Math.Max(1, (int)Math.Ceiling(xLabels.Count / 11.0));
        for (int i = 0; i < xLabels.Count; i += step)
        {
            html.Append("<text x=\"").Append(N(plotX(i))).Append("\" y=\"").Append(Height - Bottom + 16).Append("\" text-anchor=\"middle\" class=\"tick\">")
                .Append(E(xLabels[i])).Append("</text>\n");
        }
        html.Append("<text x=\"").Append(N((Left + right) / 2.0)).Append("\" y=\"").Append(Height - 8).Append("\" text-anchor=\"middle\" class=\"axis\">")
            .Append(E(axes.XTitle)).Append("</text>\n")
            .Append("<text x=\"0\" y=\"0\" transform=\"translate(14 ").Append(N((Top + Height - Bottom) / 2.0)).Append(") rotate(-90)\" text-anchor=\"middle\" class=\"axis\">")
            .Append(E(axes.YTitle)).Append("</text>\n");
    }

    private static void Legend(StringBuilder html, Axes axes, IReadOnlyList<Series> series, bool swatches = false)
    {
        int x = axes.Width - Right + 12;
        for (int s = 0; s < series.Count; s++)
        {
            var item = series[s];
            int y = Top + 6 + s * 18;
            if (swatches)
            {
                html.Append("<rect x=\"").Append(x).Append("\" y=\"").Append(y - 6).Append("\" width=\"20\" height=\"12\" fill=\"").Append(item.Color).Append("\" />\n");
            }
            else
            {
                html.Append("<line x1=\"").Append(x).Append("\" x2=\"").Append(x + 20).Append("\" y1=\"").Append(y).Append("\" y2=\"").Append(y)
                    .Append("\" stroke=\"").Append(item.Color).Append("\" stroke-width=\"2\"").Append(item.Dashed ? " stroke-dasharray=\"6 3\"" : "").Append(" />\n");
                if (item.Marker >= 0)
                {
                    Marker(html, item, x + 10, y, item.Name);
                }
            }
            string name = item.Name.Length > LegendChars ? item.Name[..(LegendChars - 1)] + "…" : item.Name;
            html.Append("<text x=\"").Append(x + 26).Append("\" y=\"").Append(y + 4).Append("\" class=\"legend\">").Append(E(name))
                .Append("<title>").Append(E(item.Name)).Append("</title></text>\n");
        }
    }

    private static double Y(double value, double yMax) => Height - Bottom - Math.Clamp(value / yMax, 0, 1) * (Height - Top - Bottom);

    /// <summary>
    /// Grid intervals for an axis from <see cref="NiceMax"/>: 4 when the maximum is 2 x 10^k (steps of
    /// 0.5 x 10^k), 5 otherwise (steps of 0.2, 0.5, 1 or 2 x 10^k), so every tick label is a round number.
    /// </summary>
    internal static int TickCount(double yMax)
    {
        double leading = yMax / Math.Pow(10, Math.Floor(Math.Log10(yMax)));
        return Math.Abs(leading - 2) < 1e-9 ? 4 : 5;
    }

    /// <summary>
    /// The smallest of 1, 2, 2.5, 5 x 10^k at or above the largest value (1 when nothing is positive);
    /// a relative tolerance of 1e-9 keeps sums of shares that round to 1.0000000001 on the 1 scale.
    /// </summary>
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
            if (step * magnitude * (1 + 1e-9) >= max)
            {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static string Format(double value, bool percent)
        => percent ? (100 * value).ToString("0.#", CultureInfo.InvariantCulture) + "%" : V(value);

    private static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    internal static string V(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    internal static string E(string text) => WebUtility.HtmlEncode(text);
}
