using System.Xml.Linq;
using SparkRecs.Core.Evaluation;
using static SparkRecs.Core.Tests.Evaluation.EvaluationReportTests;

namespace SparkRecs.Core.Tests.Evaluation;

/// <summary>What a reader of the HTML report relies on: captions, axis titles, side-by-side estimators, readable numbers.</summary>
public class EvaluationReportHtmlTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static (string Html, XDocument Document) Rendered(int users = 250)
    {
        string html = EvaluationReportHtml.Render(BuildReport(users));
        return (html, XDocument.Parse(html["<!DOCTYPE html>".Length..]));
    }

    private static string Text(XElement element) => string.Concat(element.DescendantNodes().OfType<XText>().Select(t => t.Value));

    [Fact]
    public void Every_chart_has_a_how_to_read_caption_and_titled_axes()
    {
        var (_, document) = Rendered();
        var charts = document.Descendants(Svg + "svg").ToList();
        Assert.True(charts.Count >= 9);
        foreach (var chart in charts)
        {
            var figure = chart.Parent!;
            Assert.Equal("figure", figure.Name.LocalName);
            var caption = figure.Elements().Single(e => e.Name.LocalName == "figcaption");
            Assert.StartsWith("How to read:", Text(caption));
            var axisTitles = chart.Elements(Svg + "text").Where(t => (string?)t.Attribute("class") == "axis").ToList();
            Assert.Equal(2, axisTitles.Count);
            Assert.Contains(axisTitles, t => ((string?)t.Attribute("transform"))?.Contains("rotate(-90)", StringComparison.Ordinal) == true);
            Assert.All(axisTitles, t => Assert.False(string.IsNullOrWhiteSpace(t.Value)));
        }
    }

    [Fact]
    public void Metric_table_puts_naive_and_snips_side_by_side_for_every_model()
    {
        var (_, document) = Rendered();
        var table = document.Descendants("h2").Single(h => (string?)h.Attribute("id") == "metrics").ElementsAfterSelf("table").First();
        var subHeaders = table.Descendants("thead").Single().Elements("tr").Last().Elements("th").Select(th => th.Value).ToList();
        Assert.Equal(["naive", "SNIPS", "naive", "SNIPS"], subHeaders);
        var rows = table.Descendants("tbody").Single().Elements("tr").Where(r => r.Elements("td").Any())
            .ToDictionary(r => r.Elements("td").First().Value, r => r.Elements("td").Skip(1).ToList());
        Assert.All(rows["ndcg@10"], cell => Assert.Matches(@"^\d\.\d{3}\[", cell.Value));
        Assert.Equal(["n/a", "n/a"], rows["precision@10"].Where((_, i) => i % 2 == 1).Select(c => c.Value));
        Assert.All(rows["precision@10"].Where((_, i) => i % 2 == 0), cell => Assert.Matches(@"^\d\.\d{3}", cell.Value));
    }

    [Fact]
    public void Metric_rows_are_grouped_by_k_with_the_whole_ranking_metrics_last()
    {
        var report = BuildReport();
        var document = XDocument.Parse(EvaluationReportHtml.Render(report)["<!DOCTYPE html>".Length..]);
        var table = document.Descendants("h2").Single(h => (string?)h.Attribute("id") == "metrics").ElementsAfterSelf("table").First();
        var groups = table.Descendants("tr").Where(r => (string?)r.Attribute("class") == "group").Select(r => r.Value).ToList();
        Assert.Equal([.. report.Options.Ks.Select(k => $"top K = {k}"), "whole ranking"], groups);
        var firstGroupRows = table.Descendants("tr").SkipWhile(r => (string?)r.Attribute("class") != "group").Skip(1)
            .TakeWhile(r => (string?)r.Attribute("class") != "group").Select(r => r.Elements("td").First().Value).ToList();
        Assert.All(firstGroupRows, metric => Assert.EndsWith($"@{report.Options.Ks[0]}", metric));
    }

    [Fact]
    public void Long_tail_curves_are_cumulative_ending_at_100_percent_on_a_0_to_100_percent_axis()
    {
        var (_, document) = Rendered();
        var chart = document.Descendants(Svg + "svg").Single(s => ((string?)s.Attribute("aria-label"))!.StartsWith("cumulative share", StringComparison.Ordinal));
        var ticks = chart.Elements(Svg + "text").Where(t => (string?)t.Attribute("class") == "tick").Select(t => t.Value).ToList();
        Assert.Contains("100%", ticks);
        Assert.DoesNotContain("200%", ticks);
        var tooltips = chart.Descendants(Svg + "title").Select(t => t.Value).ToList();
        Assert.Contains("als at 0%: 0%", tooltips);
        Assert.Contains("als at 100%: 100%", tooltips);
        Assert.Contains("inverse at 100%: 100%", tooltips);
        var legend = chart.Elements(Svg + "text").Where(t => (string?)t.Attribute("class") == "legend").Select(t => t.Nodes().OfType<XText>().First().Value).ToList();
        Assert.Equal(["equal exposure", "training interactions", "als", "inverse"], legend);
    }

    [Fact]
    public void Split_section_states_who_was_evaluated_and_who_was_left_out()
    {
        var (html, _) = Rendered();
        var report = BuildReport();
        var counts = report.Models[0].Counts;
        Assert.Contains($"Users evaluated: {counts.EvaluableUsers:N0}, the users known in training with at least one relevant test item", html);
        Assert.Contains("who cannot be scored and are left out of every average", html);
        Assert.Contains("denominator of each metric is listed under Settings and definitions", html);
    }

    [Fact]
    public void Text_columns_are_left_aligned_and_numbers_right_aligned()
    {
        var (_, document) = Rendered();
        var table = document.Descendants("h2").Single(h => (string?)h.Attribute("id") == "comparisons").ElementsAfterSelf("table").First();
        string?[] expected = ["t", "t", "t", null, null, null, null, null, "t"];
        var cells = table.Descendants("tbody").Single().Elements("tr").First().Elements("td").ToList();
        Assert.Equal(expected, cells.Select(c => (string?)c.Attribute("class")));
        var headers = table.Descendants("thead").Single().Descendants("th").ToList();
        Assert.Equal(expected, headers.Select(c => (string?)c.Attribute("class")));
    }

    [Fact]
    public void A_bootstrap_p_value_at_its_resolution_is_shown_as_a_bound()
    {
        var report = BuildReport();
        var comparison = Assert.Single(report.Comparisons, c => c.Metric == "ndcg@10");
        double floor = 1.0 / (report.Options.BootstrapResamples + 1);
        Assert.Equal(floor, comparison.PBootstrap, 1e-12);
        string html = EvaluationReportHtml.Render(report);
        Assert.Contains($"≤ {floor.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture)}", html);
    }
}
