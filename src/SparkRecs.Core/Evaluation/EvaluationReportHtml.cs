using System.Text;
using static SparkRecs.Core.Evaluation.SvgCharts;

namespace SparkRecs.Core.Evaluation;

/// <summary>
/// Renders an <see cref="EvaluationReport"/> as one self-contained HTML page: no scripts, fonts or
/// external resources, charts as inline SVG. The page states the split, the settings and the
/// denominators, warns when too few users were evaluated, and shows every headline number with its
/// interval, naive and IPW side by side. Pure string building; the caller writes the file.
/// </summary>
/// <remarks>The markup is well-formed XML after the doctype (void elements self-closed, text escaped).</remarks>
public static partial class EvaluationReportHtml
{
    private const string Style = """
        body { font-family: system-ui, sans-serif; margin: 2em; color: #222; max-width: 1200px; }
        table { border-collapse: collapse; margin: 0.5em 0 1.5em; font-size: 0.9em; }
        th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: right; }
        th:first-child, td:first-child { text-align: left; }
        .warning { background: #fff3cd; border: 1px solid #e0b000; padding: 0.6em; }
        .pass { color: #1a7f37; } .fail { color: #b42318; }
        .charts { display: flex; flex-wrap: wrap; gap: 1em; }
        .chart-title { font-weight: bold; font-size: 13px; } .tick, .legend, .axis { font-size: 11px; }
        .ci { color: #666; font-size: 0.85em; }
        """;

    /// <summary>The report as an HTML document.</summary>
    public static string Render(EvaluationReport report)
    {
        var html = new StringBuilder(64 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n<title>SparkRecs offline evaluation</title>\n<style>\n")
            .Append(Style).Append("\n</style>\n</head>\n<body>\n<h1>SparkRecs offline evaluation</h1>\n");
        Split(html, report);
        PowerWarning(html, report);
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

    private static void Split(StringBuilder html, EvaluationReport report)
    {
        html.Append("<h2>Split</h2>\n<p>").Append(E(report.Split.Label)).Append("</p>\n");
        if (report.Data is { } d)
        {
            html.Append("<table>\n<tr><th>train rows</th><th>train users</th><th>train items</th><th>test rows</th><th>cold-user test rows</th><th>cold users</th><th>cold-item test rows</th><th>cold-item share</th><th>outside window</th></tr>\n<tr>");
            foreach (var cell in new[] { d.TrainRows, d.TrainUsers, d.TrainItems, d.TestRows, d.ColdUserTestRows, d.ColdUsers, d.ColdItemTestRows })
            {
                Cell(html, cell.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
            }
            Cell(html, d.ColdItemShare.ToString("P1", System.Globalization.CultureInfo.InvariantCulture));
            Cell(html, d.OutsideWindowRows.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
            html.Append("</tr>\n</table>\n");
        }
    }

    private static void PowerWarning(StringBuilder html, EvaluationReport report)
    {
        foreach (var model in report.Models.Where(m => m.LowPower))
        {
            html.Append("<p class=\"warning\">Warning: only ").Append(model.UsersEvaluated).Append(" users evaluated for ")
                .Append(E(model.Model)).Append(" (fewer than 200). Intervals are wide and differences between models are likely unresolved; ")
                .Append("consider a longer test window or the per-user split.</p>\n");
        }
    }

    private static void MetricTable(StringBuilder html, EvaluationReport report)
    {
        html.Append("<h2>Ranking metrics (mean over users, 95% bootstrap interval)</h2>\n<table>\n<tr><th>metric</th>");
        foreach (var model in report.Models)
        {
            html.Append("<th>").Append(E(model.Model)).Append(" naive</th><th>").Append(E(model.Model)).Append(" SNIPS</th>");
        }
        html.Append("</tr>\n");
        foreach (string metric in report.Models[0].Metrics.Keys)
        {
            html.Append("<tr>");
            Cell(html, metric);
            foreach (var model in report.Models)
            {
                var m = model.Metrics.GetValueOrDefault(metric);
                EstimateCell(html, m?.Naive);
                EstimateCell(html, m?.Snips);
            }
            html.Append("</tr>\n");
        }
        html.Append("<tr>");
        Cell(html, "users evaluated");
        foreach (var model in report.Models)
        {
            Cell(html, model.UsersEvaluated.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Cell(html, "");
        }
        html.Append("</tr>\n</table>\n");
    }

    private static void BeyondAccuracyTable(StringBuilder html, EvaluationReport report)
    {
        html.Append("<h2>Beyond accuracy</h2>\n<table>\n<tr><th>model</th><th>K</th><th>coverage</th><th>exposure Gini</th><th>ARP</th><th>long-tail share</th><th>novelty (bits)</th></tr>\n");
        foreach (var model in report.Models)
        {
            foreach (var b in model.BeyondAccuracy)
            {
                html.Append("<tr>");
                Cell(html, model.Model);
                Cell(html, b.K.ToString(System.Globalization.CultureInfo.InvariantCulture));
                foreach (double v in new[] { b.Coverage, b.ExposureGini, b.AverageRecommendedPopularity, b.LongTailShare, b.Novelty })
                {
                    Cell(html, V(v));
                }
                html.Append("</tr>\n");
            }
        }
        html.Append("</table>\n");
    }

    private static void WeightAndRatingTable(StringBuilder html, EvaluationReport report)
    {
        html.Append("<h2>Inverse-propensity weights and rating accuracy</h2>\n<table>\n<tr><th>model</th><th>relevant pairs</th><th>ESS</th><th>ESS share</th><th>max weight</th><th>cold relevant share</th><th>RMSE</th><th>MAE</th><th>rating pairs used / skipped</th></tr>\n");
        foreach (var model in report.Models)
        {
            html.Append("<tr>");
            Cell(html, model.Model);
            Cell(html, model.Weights.Pairs.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Cell(html, V(model.Weights.EffectiveSampleSize));
            Cell(html, V(model.Weights.EffectiveShare));
            Cell(html, V(model.Weights.MaxWeight));
            Cell(html, V(model.Counts.ColdRelevantShare));
            Cell(html, model.Rating?.Rmse is double rmse ? V(rmse) : "-");
            Cell(html, model.Rating?.Mae is double mae ? V(mae) : "-");
            Cell(html, model.Rating is { } r ? $"{r.PairsUsed} / {r.PairsSkipped}" : "-");
            html.Append("</tr>\n");
        }
        html.Append("</table>\n");
    }

    private static void Comparisons(StringBuilder html, EvaluationReport report)
    {
        if (report.Comparisons.Count == 0)
        {
            return;
        }
        html.Append("<h2>Paired comparisons</h2>\n<table>\n<tr><th>metric</th><th>a</th><th>b</th><th>users</th><th>a - b</th><th>95% interval</th><th>p (bootstrap)</th><th>p (Wilcoxon)</th><th>verdict</th></tr>\n");
        foreach (var c in report.Comparisons)
        {
            html.Append("<tr>");
            Cell(html, c.Metric);
            Cell(html, c.ModelA);
            Cell(html, c.ModelB);
            Cell(html, c.Users.ToString(System.Globalization.CultureInfo.InvariantCulture) + (c.LowPower ? " (low power)" : ""));
            Cell(html, V(c.Difference));
            Cell(html, $"[{V(c.CiLow)}, {V(c.CiHigh)}]");
            Cell(html, V(c.PBootstrap));
            Cell(html, V(c.PWilcoxon));
            Cell(html, c.VerdictText);
            html.Append("</tr>\n");
        }
        html.Append("</table>\n");
    }

    private static void RollingOrigins(StringBuilder html, EvaluationReport report)
    {
        if (report.RollingOrigins is not { Count: > 0 } origins)
        {
            return;
        }
        html.Append("<h2>Rolling origins</h2>\n<table>\n<tr><th>model</th><th>metric</th><th>per origin</th><th>users per origin</th><th>mean</th><th>sd</th><th>min</th><th>max</th></tr>\n");
        foreach (var o in origins)
        {
            html.Append("<tr>");
            Cell(html, o.Model);
            Cell(html, o.Metric);
            Cell(html, string.Join(", ", o.Values.Select(V)));
            Cell(html, string.Join(", ", o.Users));
            Cell(html, V(o.Mean));
            Cell(html, V(o.StandardDeviation));
            Cell(html, V(o.Min));
            Cell(html, V(o.Max));
            html.Append("</tr>\n");
        }
        html.Append("</table>\n");
    }

    private static void Gate(StringBuilder html, EvaluationReport report)
    {
        if (report.Gate is not { } gate)
        {
            return;
        }
        html.Append("<h2>Quality gate: <span class=\"").Append(gate.Publish ? "pass\">publish" : "fail\">do not publish").Append("</span></h2>\n<ul>\n");
        foreach (string reason in gate.Reasons)
        {
            string css = reason.StartsWith("PASS", StringComparison.Ordinal) ? "pass" : reason.StartsWith("FAIL", StringComparison.Ordinal) ? "fail" : "note";
            html.Append("<li class=\"").Append(css).Append("\">").Append(E(reason)).Append("</li>\n");
        }
        html.Append("</ul>\n");
    }

    private static void Settings(StringBuilder html, EvaluationReport report)
    {
        var o = report.Options;
        html.Append("<h2>Settings and definitions</h2>\n<ul>\n");
        Item(html, $"K: {string.Join(", ", o.Ks)}; relevant: {o.RelevanceText}");
        Item(html, $"candidates: {o.Candidates}; ties: {o.TieRule}");
        Item(html, o.ColdItemsAsMisses
            ? "relevant test items that did not exist in training stay in R_u as misses (never recommendable)"
            : "relevant test items that did not exist in training are dropped from R_u (counted in the cold share)");
        Item(html, $"propensity p_i = max((n_i / max n)^{V(o.PropensityEta)}, {V(o.PropensityMin)}) from training counts"
            + (o.PositionEta is double pe ? $", times position propensity (1/k)^{V(pe)}" : ""));
        Item(html, $"intervals: {o.BootstrapResamples} bootstrap resamples over users, seed {o.Seed}"
            + (o.MaxUsers is int max ? $"; users sampled to at most {max}" : ""));
        html.Append("</ul>\n<table>\n<tr><th>metric</th><th>denominator</th></tr>\n");
        foreach (var (metric, denominator) in o.Denominators)
        {
            html.Append("<tr>");
            Cell(html, metric);
            Cell(html, denominator);
            html.Append("</tr>\n");
        }
        html.Append("</table>\n");
    }

    private static void EstimateCell(StringBuilder html, MetricEstimate? estimate)
    {
        html.Append("<td>");
        if (estimate is null)
        {
            html.Append('-');
        }
        else
        {
            html.Append(V(estimate.Value));
            if (estimate.CiLow is double low && estimate.CiHigh is double high)
            {
                html.Append(" <span class=\"ci\">[").Append(V(low)).Append(", ").Append(V(high)).Append("]</span>");
            }
        }
        html.Append("</td>");
    }

    private static void Cell(StringBuilder html, string text) => html.Append("<td>").Append(E(text)).Append("</td>");

    private static void Item(StringBuilder html, string text) => html.Append("<li>").Append(E(text)).Append("</li>\n");
}
