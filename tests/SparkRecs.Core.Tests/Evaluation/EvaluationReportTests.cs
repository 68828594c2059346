using System.Text.Json;
using System.Xml.Linq;
using SparkRecs.Core.Evaluation;
using static SparkRecs.Core.Tests.Evaluation.ComparisonFixtures;

namespace SparkRecs.Core.Tests.Evaluation;

public class EvaluationReportTests
{
    internal static EvaluationReport BuildReport(int users = 250)
    {
        var (train, test, target) = Population(users);
        var candidate = Evaluate(Oracle(target, "als", u => u % 2 == 0), train, test);
        var popularity = Evaluate(Inverse(target), train, test);
        var gate = QualityGate.Decide(candidate, popularity, null, new QualityGateOptions());
        var split = new SplitDescription(SplitKind.GlobalTemporal, 0, SplitDescription.FormatIso(0), 86_400_000, null, null, "global temporal split <test & check>");
        var counts = new SplitCounts(500, users, Items, users, 3, 2, 1, 1.0 / users, 0);
        var ratings = new Dictionary<string, RatingEvaluation> { ["als"] = new(0.9, 0.7, 240, 10) };
        var origins = new[] { RollingOriginSummary.Summarize([candidate, candidate], "ndcg@10") };
        return EvaluationReport.Create(split, counts, [candidate, popularity], gate: gate, ratings: ratings, rollingOrigins: origins);
    }

    [Fact]
    public void Report_json_uses_the_documented_keys()
    {
        using var document = JsonDocument.Parse(BuildReport().ToJson());
        var root = document.RootElement;
        Assert.Equal(["split", "data", "options", "models", "training_popularity_curve", "comparisons", "gate", "rolling_origins"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("global_temporal", root.GetProperty("split").GetProperty("kind").GetString());
        var options = root.GetProperty("options");
        Assert.Equal(0.5, options.GetProperty("propensity_eta").GetDouble());
        Assert.Equal(0.01, options.GetProperty("propensity_min").GetDouble());
        Assert.Equal("min(K, |R_u|)", options.GetProperty("denominators").GetProperty("map").GetString());
        var model = root.GetProperty("models")[0];
        Assert.Equal("als", model.GetProperty("model").GetString());
        Assert.Equal(250, model.GetProperty("users_evaluated").GetInt32());
        var ndcg = model.GetProperty("metrics").GetProperty("ndcg@10");
        Assert.True(ndcg.GetProperty("naive").TryGetProperty("ci_low", out _));
        Assert.True(ndcg.GetProperty("snips").TryGetProperty("ci_high", out _));
        Assert.True(ndcg.GetProperty("ips").TryGetProperty("value", out _));
        Assert.Equal(JsonValueKind.Null, model.GetProperty("metrics").GetProperty("precision@10").GetProperty("snips").ValueKind);
        Assert.True(model.GetProperty("ipw_weights").GetProperty("ess").GetDouble() > 0);
        Assert.Equal(4, model.GetProperty("segments").GetArrayLength());
        Assert.Equal(0.9, model.GetProperty("rating").GetProperty("rmse").GetDouble());
        Assert.Equal("a_better", root.GetProperty("comparisons")[0].GetProperty("verdict").GetString());
        Assert.True(root.GetProperty("gate").GetProperty("publish").GetBoolean());
        Assert.Equal("rating >= 4", options.GetProperty("relevance_text").GetString());
        Assert.Equal(0, root.GetProperty("rolling_origins")[0].GetProperty("sd").GetDouble());
    }

    [Fact]
    public void Rolling_origin_summary_reports_mean_and_spread()
    {
        var (train, test, target) = Population(60);
        var all = Evaluate(Oracle(target, "m"), train, test);
        var half = Evaluate(Oracle(target, "m", u => u % 2 == 0), train, test);
        var summary = RollingOriginSummary.Summarize([all, half], "hitrate@10");
        Assert.Equal([1.0, 0.5], summary.Values);
        Assert.Equal(0.75, summary.Mean, 1e-12);
        Assert.Equal(Math.Sqrt(0.125), summary.StandardDeviation, 1e-12);
        Assert.Equal((0.5, 1.0), (summary.Min, summary.Max));
        Assert.Throws<ArgumentException>(() => RollingOriginSummary.Summarize([all, Evaluate(Inverse(target), train, test)], "hitrate@10"));
    }

    [Fact]
    public void Report_json_round_trips()
    {
        var report = BuildReport();
        var copy = EvaluationReport.FromJson(report.ToJson());
        Assert.Equal(report.ToJson(), copy.ToJson());
    }

    [Fact]
    public void Html_is_well_formed_and_shows_charts_metrics_and_intervals()
    {
        string html = EvaluationReportHtml.Render(BuildReport());
        Assert.StartsWith("<!DOCTYPE html>", html);
        var document = XDocument.Parse(html["<!DOCTYPE html>".Length..]);
        XNamespace svg = "http://www.w3.org/2000/svg";
        Assert.True(document.Descendants(svg + "svg").Count() >= 8);
        foreach (string metric in new[] { "ndcg@10", "recall@10", "precision@10", "map@10", "mrr@10", "hitrate@10", "auc" })
        {
            Assert.Contains(metric, html);
        }
        Assert.Contains("SNIPS", html);
        Assert.Contains("&lt;test &amp; check&gt;", html);
        Assert.Contains("Quality gate", html);
        Assert.Contains("Rolling origins", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", ""));
        Assert.DoesNotContain("Warning: only", html);
    }

    [Fact]
    public void Html_warns_once_naming_every_model_when_fewer_than_200_users_are_evaluated()
    {
        string html = EvaluationReportHtml.Render(BuildReport(users: 60));
        Assert.Contains("Warning: only 60 users evaluated for als, inverse</b>", html);
        Assert.Single(html.Split("class=\"warning\"").Skip(1));
        Assert.True(html.IndexOf("class=\"warning\"", StringComparison.Ordinal) < html.IndexOf("id=\"metrics\"", StringComparison.Ordinal),
            "the warning must come before the numbers it qualifies");
        XDocument.Parse(html["<!DOCTYPE html>".Length..]);
    }
}
