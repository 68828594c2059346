using System.Text;
using static SparkRecs.Core.Evaluation.SvgCharts;

namespace SparkRecs.Core.Evaluation;

/// <summary>The top of the report: verdict, power warning, split and who was evaluated, the metric table.</summary>
public static partial class EvaluationReportHtml
{
    private static void Verdict(StringBuilder html, EvaluationReport report)
    {
        if (report.Gate is not { } gate)
        {
            return;
        }
        html.Append("<p class=\"verdict\">Quality gate: <b class=\"").Append(gate.Publish ? "pass\">publish" : "fail\">do not publish")
            .Append("</b> (reasons under <a href=\"#gate\">Quality gate</a>).</p>\n");
    }

    /// <summary>One warning per distinct low user count, naming the models it applies to.</summary>
    private static void PowerWarning(StringBuilder html, EvaluationReport report)
    {
        foreach (var group in report.Models.Where(m => m.LowPower).GroupBy(m => m.UsersEvaluated))
        {
            html.Append("<p class=\"warning\"><b>Warning: only ").Append(group.Key).Append(" users evaluated for ")
                .Append(E(string.Join(", ", group.Select(m => m.Model)))).Append("</b> (fewer than 200). Intervals are wide and differences between models are likely unresolved; ")
                .Append("do not rank models on these numbers alone. Consider a longer test window or the per-user split.</p>\n");
        }
    }

    /// <summary>The split in words, then who entered the averages and who was left out and why.</summary>
    private static void Split(StringBuilder html, EvaluationReport report)
    {
        html.Append("<h2 id=\"split\">Split and users evaluated</h2>\n<p>").Append(E(Capitalized(report.Split.Label))).Append(".</p>\n");
        if (report.Data is { } d)
        {
            html.Append("<ul>\n");
            Item(html, $"Training: {Count(d.TrainRows)} interactions of {Count(d.TrainUsers)} users on {Count(d.TrainItems)} items (the candidate catalogue).");
            double coldUserShare = d.TestRows == 0 ? 0 : (double)d.ColdUserTestRows / d.TestRows;
            Item(html, $"Test: {Count(d.TestRows)} interactions. {Count(d.ColdUserTestRows)} of them ({Pct(coldUserShare)}) by {Count(d.ColdUsers)} users with no training history, "
                + $"who cannot be scored and are left out of every average; {Count(d.ColdItemTestRows)} ({Pct(d.ColdItemShare)}) on items that did not exist in training.");
            if (d.OutsideWindowRows > 0)
            {
                Item(html, $"{Count(d.OutsideWindowRows)} interactions after the test horizon are in neither window.");
            }
            html.Append("</ul>\n");
        }
        var c = report.Models[0].Counts;
        string sampled = c.EvaluatedUsers < c.EvaluableUsers ? $" ({Count(c.EvaluatedUsers)} of them sampled)" : "";
        Note(html, $"Users evaluated: {Count(c.EvaluableUsers)}{sampled}, the users known in training with at least one relevant test item ({report.Options.RelevanceText}) "
            + $"that existed in training; {Count(c.UsersWithOnlyColdRelevant)} more were left out because all their relevant test items were new. "
            + $"Their relevant items, summed: {Count(c.RelevantItems)}. Every number below is a mean over these users unless it says otherwise; "
            + "the denominator of each metric is listed under Settings and definitions.");
    }

    /// <summary>
    /// Rows are metrics grouped by K; each model has a naive and a SNIPS column side by side. Only
    /// the weighted families have a SNIPS estimate; the others show n/a rather than a blank.
    /// </summary>
    private static void MetricTable(StringBuilder html, EvaluationReport report)
    {
        html.Append("<h2 id=\"metrics\">Ranking metrics</h2>\n");
        Note(html, "Mean over users, with the 95% bootstrap interval over users in brackets. Naive: every relevant test item counts the same. "
            + "SNIPS: self-normalised inverse-propensity estimate, weighting each relevant item by 1/p_i so that hits on rarely seen items count more; "
            + "it estimates quality under uniform exposure and is lower when a model mostly finds popular items. Only recall, nDCG and AUC have one (n/a elsewhere).");
        html.Append("<table>\n<thead><tr><th class=\"t\" rowspan=\"2\">metric</th>");
        foreach (var model in report.Models)
        {
            html.Append("<th colspan=\"2\">").Append(E(model.Model)).Append("<br /><span class=\"ci\">").Append(Count(model.UsersEvaluated)).Append(" users</span></th>");
        }
        html.Append("</tr>\n<tr>");
        foreach (var _ in report.Models)
        {
            html.Append("<th>naive</th><th>SNIPS</th>");
        }
        html.Append("</tr></thead>\n<tbody>\n");
        string? group = null;
        foreach (string metric in report.Models[0].Metrics.Keys)
        {
            int at = metric.IndexOf('@', StringComparison.Ordinal);
            string rowGroup = at < 0 ? "whole ranking" : $"top K = {metric[(at + 1)..]}";
            if (rowGroup != group)
            {
                group = rowGroup;
                html.Append("<tr class=\"group\"><th colspan=\"").Append(1 + 2 * report.Models.Count).Append("\">").Append(E(group)).Append("</th></tr>\n");
            }
            html.Append("<tr>");
            TextCell(html, metric);
            foreach (var model in report.Models)
            {
                var m = model.Metrics.GetValueOrDefault(metric);
                EstimateCell(html, m?.Naive);
                EstimateCell(html, m?.Snips);
            }
            html.Append("</tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
    }

    private static void EstimateCell(StringBuilder html, MetricEstimate? estimate)
    {
        if (estimate is null)
        {
            html.Append("<td class=\"na\">n/a</td>");
            return;
        }
        html.Append("<td>").Append(F3(estimate.Value));
        if (estimate.CiLow is double low && estimate.CiHigh is double high)
        {
            html.Append("<br /><span class=\"ci\">[").Append(F3(low)).Append(", ").Append(F3(high)).Append("]</span>");
        }
        html.Append("</td>");
    }

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
