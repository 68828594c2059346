using System.Text;

namespace SparkRecs.Core.Evaluation;

/// <summary>Marker shapes: a second, colour-independent cue for which model a point belongs to.</summary>
internal static partial class SvgCharts
{
    private const double MarkerRadius = 5;

    /// <summary>
    /// Appends one marker centred on (x, y) with a tooltip; hollow for dashed series. Each shape is a
    /// little smaller than the one before it, so when two models share a value the later marker sits
    /// inside the earlier one and both stay visible.
    /// </summary>
    private static void Marker(StringBuilder html, Series series, double x, double y, string tooltip)
    {
        double r = MarkerRadius - 0.7 * (series.Marker % 4);
        string paint = series.Dashed
            ? $"fill=\"#ffffff\" stroke=\"{series.Color}\" stroke-width=\"1.5\""
            : $"fill=\"{series.Color}\" stroke=\"#ffffff\" stroke-width=\"0.8\"";
        switch (series.Marker % 4)
        {
            case 0:
                html.Append("<circle cx=\"").Append(N(x)).Append("\" cy=\"").Append(N(y)).Append("\" r=\"").Append(N(r)).Append('"');
                break;
            case 1:
                html.Append("<rect x=\"").Append(N(x - r)).Append("\" y=\"").Append(N(y - r)).Append("\" width=\"").Append(N(2 * r)).Append("\" height=\"").Append(N(2 * r)).Append('"');
                break;
            case 2:
                html.Append("<polygon points=\"").Append(N(x)).Append(',').Append(N(y - 1.2 * r)).Append(' ').Append(N(x + 1.1 * r)).Append(',').Append(N(y + 0.8 * r))
                    .Append(' ').Append(N(x - 1.1 * r)).Append(',').Append(N(y + 0.8 * r)).Append('"');
                break;
            default:
                html.Append("<polygon points=\"").Append(N(x)).Append(',').Append(N(y - 1.3 * r)).Append(' ').Append(N(x + 1.3 * r)).Append(',').Append(N(y))
                    .Append(' ').Append(N(x)).Append(',').Append(N(y + 1.3 * r)).Append(' ').Append(N(x - 1.3 * r)).Append(',').Append(N(y)).Append('"');
                break;
        }
        html.Append(' ').Append(paint).Append("><title>").Append(E(tooltip)).Append("</title>");
        html.Append((series.Marker % 4) switch { 0 => "</circle>\n", 1 => "</rect>\n", _ => "</polygon>\n" });
    }
}
