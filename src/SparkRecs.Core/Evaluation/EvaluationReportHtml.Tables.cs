using System.Text;
using static SparkRecs.Core.Evaluation.SvgCharts;

namespace SparkRecs.Core.Evaluation;

/// <summary>The table sections below the charts: beyond accuracy, weights, comparisons, origins, gate, settings.</summary>
public static partial class EvaluationReportHtml
{
    private static void BeyondAccuracyTable(StringBuilder html, EvaluationReport report)
    {
        html.Append("<h2 id=\"beyond-accuracy\">Beyond accuracy</h2>\n");
        Note(html, "Coverage: share of the catalogue recommended to at least one user. Exposure Gini: 0 when every item fills as many slots, 1 when one item fills them all. "
            + "ARP: average number of training interactions of the recommended items. "
            + $"Long-tail share: share of slots given to items outside the {Pct(report.Options.HeadItemShare)} most popular. "
            + "Novelty: mean -log2(share of training users who had the item), in bits; higher means less familiar items.");
        html.Append("<table>\n");
        HeaderRow(html, ["model", "K", "coverage", "exposure Gini", "ARP (interactions)", "long-tail share", "novelty (bits)"]);
        html.Append("<tbody>\n");
        foreach (var model in report.Models)
        {
            foreach (var b in model.BeyondAccuracy)
            {
                html.Append("<tr>");
                TextCell(html, model.Model);
                Cell(html, b.K.ToString(Invariant));
                Cell(html, Pct(b.Coverage));
                Cell(html, F3(b.ExposureGini));
                Cell(html, b.AverageRecommendedPopularity.ToString("N1", Invariant));
                Cell(html, Pct(b.LongTailShare));
                Cell(html, b.Novelty.ToString("0.00", Invariant));
                html.Append("</tr>\n");
            }
        }
        html.Append("</tbody>\n</table>\n");
    }

    private static void WeightAndRatingTable(StringBuilder html, EvaluationReport report)
    {
        html.Append("<h2 id=\"weights\">Inverse-propensity weights and rating accuracy</h2>\n");
        Note(html, "The weights belong to the test set, so they match across models evaluated on the same users. ESS: effective sample size (sum w)^2 / sum w^2 of the relevant pairs; "
            + "a small ESS share means a few rare items dominate the SNIPS numbers. RMSE and MAE are on the rating scale, for explicit models only.");
        html.Append("<table>\n");
        HeaderRow(html, ["model", "relevant pairs", "ESS", "ESS share", "max weight", "cold relevant share", "RMSE", "MAE", "rating pairs used / skipped"]);
        html.Append("<tbody>\n");
        foreach (var model in report.Models)
        {
            html.Append("<tr>");
            TextCell(html, model.Model);
            Cell(html, Count(model.Weights.Pairs));
            Cell(html, model.Weights.EffectiveSampleSize.ToString("N0", Invariant));
            Cell(html, Pct(model.Weights.EffectiveShare));
            Cell(html, model.Weights.MaxWeight.ToString("0.0", Invariant));
            Cell(html, Pct(model.Counts.ColdRelevantShare));
            Cell(html, model.Rating?.Rmse is double rmse ? F3(rmse) : "-");
            Cell(html, model.Rating?.Mae is double mae ? F3(mae) : "-");
            Cell(html, model.Rating is { } r ? $"{Count(r.PairsUsed)} / {Count(r.PairsSkipped)}" : "-");
            html.Append("</tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
    }

    private static void Comparisons(StringBuilder html, EvaluationReport report)
    {
        if (report.Comparisons.Count == 0)
        {
            return;
        }
        html.Append("<h2 id=\"comparisons\">Paired comparisons</h2>\n");
        Note(html, "Each row compares two models on the same users: a - b is the mean per-user difference; the verdict comes from the interval "
            + "(inconclusive when it contains 0). The bootstrap p-value cannot go below 1/(resamples + 1).");
        html.Append("<table>\n");
        HeaderRow(html, ["metric", "a", "b", "users", "a - b", "95% interval", "p (bootstrap)", "p (Wilcoxon)", "verdict"], 0, 1, 2, 8);
        html.Append("<tbody>\n");
        double pFloor = 1.0 / (report.Options.BootstrapResamples + 1);
        foreach (var c in report.Comparisons)
        {
            html.Append("<tr>");
            TextCell(html, c.Metric);
            TextCell(html, c.ModelA);
            TextCell(html, c.ModelB);
            Cell(html, Count(c.Users) + (c.LowPower ? " (low power)" : ""));
            Cell(html, F3(c.Difference));
            Cell(html, $"[{F3(c.CiLow)}, {F3(c.CiHigh)}]");
            Cell(html, c.PBootstrap <= pFloor * 1.0000001 ? $"≤ {V(pFloor)}" : V(c.PBootstrap));
            Cell(html, c.PWilcoxon < 0.0001 ? "< 0.0001" : V(c.PWilcoxon));
            TextCell(html, c.VerdictText);
            html.Append("</tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
    }

    private static void RollingOrigins(StringBuilder html, EvaluationReport report)
    {
        if (report.RollingOrigins is not { Count: > 0 } origins)
        {
            return;
        }
        html.Append("<h2 id=\"rolling-origins\">Rolling origins</h2>\n");
        Note(html, "The same evaluation repeated at several cutoffs, oldest first: the spread shows how much the headline moves with the choice of test period.");
        html.Append("<table>\n");
        HeaderRow(html, ["model", "metric", "per origin", "users per origin", "mean", "sd", "min", "max"], 0, 1);
        html.Append("<tbody>\n");
        foreach (var o in origins)
        {
            html.Append("<tr>");
            TextCell(html, o.Model);
            TextCell(html, o.Metric);
            Cell(html, string.Join(", ", o.Values.Select(F3)));
            Cell(html, string.Join(", ", o.Users));
            Cell(html, F3(o.Mean));
            Cell(html, F3(o.StandardDeviation));
            Cell(html, F3(o.Min));
            Cell(html, F3(o.Max));
            html.Append("</tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
    }

    private static void Gate(StringBuilder html, EvaluationReport report)
    {
        if (report.Gate is not { } gate)
        {
            return;
        }
        html.Append("<h2 id=\"gate\">Quality gate: <span class=\"").Append(gate.Publish ? "pass\">publish" : "fail\">do not publish").Append("</span></h2>\n<ul>\n");
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
        html.Append("<h2 id=\"definitions\">Settings and definitions</h2>\n<ul>\n");
        Item(html, $"K: {string.Join(", ", o.Ks)}; relevant: {o.RelevanceText}");
        Item(html, $"candidates: {o.Candidates}; ties: {o.TieRule}");
        Item(html, o.ColdItemsAsMisses
            ? "relevant test items that did not exist in training stay in R_u as misses (never recommendable)"
            : "relevant test items that did not exist in training are dropped from R_u (counted in the cold share)");
        Item(html, $"propensity p_i = max((n_i / max n)^{V(o.PropensityEta)}, {V(o.PropensityMin)}) from training counts"
            + (o.PositionEta is double pe ? $", times position propensity (1/k)^{V(pe)}" : ""));
        Item(html, $"intervals: {o.BootstrapResamples} bootstrap resamples over users, seed {o.Seed}"
            + (o.MaxUsers is int max ? $"; users sampled to at most {max}" : ""));
        html.Append("</ul>\n<table>\n");
        HeaderRow(html, ["metric", "denominator"], 0, 1);
        html.Append("<tbody>\n");
        foreach (var (metric, denominator) in o.Denominators)
        {
            html.Append("<tr>");
            TextCell(html, metric);
            TextCell(html, denominator);
            html.Append("</tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
    }
}
