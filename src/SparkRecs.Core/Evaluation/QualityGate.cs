using System.Globalization;
using SparkRecs.Core.Errors;

namespace SparkRecs.Core.Evaluation;

/// <summary>
/// Decides whether a candidate model may be published: it must beat the popularity baseline on the
/// primary metric (by a margin, optionally significantly), and must not trail the live model by more
/// than a tolerance. Both checks are paired comparisons on the users common to both evaluations.
/// </summary>
public static class QualityGate
{
    /// <summary>Runs the checks.</summary>
    /// <param name="candidate">The model to publish.</param>
    /// <param name="popularity">The popularity baseline on the same split, or null.</param>
    /// <param name="live">The currently published model on the same split, or null when none is live.</param>
    /// <param name="options">Thresholds.</param>
    /// <exception cref="ConfigurationException">The primary metric is not one the evaluation computed.</exception>
    public static GateDecision Decide(ModelEvaluation candidate, ModelEvaluation? popularity, ModelEvaluation? live, QualityGateOptions options)
    {
        string metric = options.PrimaryMetric;
        if (!candidate.HasMetric(metric))
        {
            throw new ConfigurationException("quality_gate:primary_metric",
                $"'{metric}' is not an evaluated metric; use one of {string.Join(", ", candidate.MetricColumns)} (K must be in evaluation:ks).");
        }
        if (options.MinLiftOverPopularity < 0 || options.MaxDropVsLive < 0)
        {
            throw new ConfigurationException("quality_gate", "min_lift_over_popularity and max_drop_vs_live are absolute margins and must be >= 0.");
        }
        var reasons = new List<string>();
        var comparisons = new List<ComparisonResult>();
        bool publish = true;

        if (candidate.UserCount == 0)
        {
            reasons.Add($"FAIL: no evaluable users for '{candidate.Model}'; nothing supports publishing it.");
            return new GateDecision(false, reasons, comparisons);
        }
        if (candidate.LowPower)
        {
            reasons.Add($"NOTE: only {candidate.UserCount} users evaluated (< {candidate.Options.MinUsersForPower}); intervals are wide and differences may be unresolved.");
        }

        if (popularity is null)
        {
            publish &= !options.RequirePopularityBaseline;
            reasons.Add(options.RequirePopularityBaseline
                ? "FAIL: no popularity baseline was evaluated, and the gate requires beating it."
                : "NOTE: no popularity baseline was evaluated; the lift check was skipped.");
        }
        else
        {
            var vsPopularity = PairedComparison.Compare(candidate, popularity, metric);
            comparisons.Add(vsPopularity);
            double margin = options.MinLiftOverPopularity;
            bool pass = options.RequireSignificance ? vsPopularity.CiLow > margin : vsPopularity.Difference > margin;
            string measured = options.RequireSignificance ? $"interval low {F(vsPopularity.CiLow)}" : $"mean lift {F(vsPopularity.Difference)}";
            reasons.Add($"{(pass ? "PASS" : "FAIL")}: {metric} of '{candidate.Model}' vs '{popularity.Model}': {Describe(vsPopularity)}; {measured} must exceed {F(margin)}.");
            publish &= pass;
        }

        if (live is null)
        {
            reasons.Add("NOTE: no live model to compare with.");
        }
        else
        {
            var vsLive = PairedComparison.Compare(candidate, live, metric);
            comparisons.Add(vsLive);
            bool pass = vsLive.Difference >= -options.MaxDropVsLive;
            reasons.Add($"{(pass ? "PASS" : "FAIL")}: {metric} of '{candidate.Model}' vs live '{live.Model}': {Describe(vsLive)}; the drop may be at most {F(options.MaxDropVsLive)}.");
            publish &= pass;
        }
        return new GateDecision(publish, reasons, comparisons);
    }

    private static string Describe(ComparisonResult c)
        => $"difference {F(c.Difference)} [{F(c.CiLow)}, {F(c.CiHigh)}] over {c.Users} users, p = {F(c.PBootstrap)} ({c.VerdictText})";

    private static string F(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
