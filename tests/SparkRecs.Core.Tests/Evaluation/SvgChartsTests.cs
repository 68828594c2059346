using System.Text;
using System.Xml.Linq;
using SparkRecs.Core.Evaluation;

namespace SparkRecs.Core.Tests.Evaluation;

public class SvgChartsTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Theory]
    [InlineData(1.0000000001, 1)]
    [InlineData(0.16, 0.2)]
    [InlineData(0.21, 0.25)]
    [InlineData(0.26, 0.5)]
    [InlineData(0.0, 1)]
    public void Axis_maximum_is_the_next_round_number_ignoring_rounding_noise(double max, double expected)
        => Assert.Equal(expected, SvgCharts.NiceMax([max / 2, max]), 1e-12);

    [Theory]
    [InlineData(0.2, 4)]
    [InlineData(0.25, 5)]
    [InlineData(0.5, 5)]
    [InlineData(1, 5)]
    public void Tick_count_gives_round_tick_labels(double yMax, int expected)
        => Assert.Equal(expected, SvgCharts.TickCount(yMax));

    [Fact]
    public void Each_model_gets_its_own_marker_shape_so_identical_lines_stay_distinguishable()
    {
        var html = new StringBuilder();
        double[] same = [0.1, 0.2, 0.3];
        var series = Enumerable.Range(0, 4).Select(m => new SvgCharts.Series($"m{m}", same, SvgCharts.Palette[m], Marker: m)).ToList();
        SvgCharts.Line(html, "t", new SvgCharts.Axes("x", "y"), ["5", "10", "20"], series);
        var chart = XElement.Parse(html.ToString());
        var shapeOf = Enumerable.Range(0, 4).Select(m => chart.Descendants().Where(e => e.Element(Svg + "title")?.Value.StartsWith($"m{m} at", StringComparison.Ordinal) == true)
            .Select(e => e.Name.LocalName + (e.Attribute("points")?.Value.Split(' ').Length ?? 0)).Distinct().Single()).ToList();
        Assert.Equal(4, shapeOf.Distinct().Count());
        var sizes = Enumerable.Range(0, 4).Select(m => chart.Descendants().First(e => e.Element(Svg + "title")?.Value == $"m{m} at 5: 0.1")).ToList();
        Assert.True(double.Parse((string)sizes[0].Attribute("r")!, System.Globalization.CultureInfo.InvariantCulture)
            > double.Parse((string)sizes[1].Attribute("width")!, System.Globalization.CultureInfo.InvariantCulture) / 2,
            "later markers are smaller so they sit inside earlier ones");
    }

    [Fact]
    public void Palette_colours_are_all_different()
        => Assert.Equal(SvgCharts.Palette.Length, SvgCharts.Palette.Select(c => c.ToUpperInvariant()).Distinct().Count());

    [Fact]
    public void Long_legend_names_are_shortened_with_the_full_name_in_a_tooltip()
    {
        var html = new StringBuilder();
        string name = new('x', 40);
        SvgCharts.Bars(html, "t", new SvgCharts.Axes("x", "y"), ["a"], [new SvgCharts.Series(name, [1.0], "#000000")]);
        var legend = XElement.Parse(html.ToString()).Elements(Svg + "text").Single(t => (string?)t.Attribute("class") == "legend");
        Assert.Equal(new string('x', 23) + "…", legend.Nodes().OfType<XText>().First().Value);
        Assert.Equal(name, legend.Element(Svg + "title")!.Value);
    }
}
