using System.Globalization;
using SparkRecs.Core.Baselines;
using SparkRecs.Core.Evaluation;
using SparkRecs.Core.Factorization;
using SparkRecs.Core.Recommend;
using SparkRecs.Pipeline.Config;
using SparkRecs.Pipeline.Progress;

namespace SparkRecs.Pipeline.Stages;

/// <summary>What the evaluation found: the report, the gate's decision and the ALS evaluation itself.</summary>
/// <param name="Report">The full report (JSON and HTML are rendered from it).</param>
/// <param name="Gate">The gate's decision, or null when the gate is disabled.</param>
/// <param name="Als">The candidate's evaluation.</param>
/// <param name="Popularity">The popularity baseline's evaluation.</param>
public sealed record EvaluationOutcome(EvaluationReport Report, GateDecision? Gate, ModelEvaluation Als, ModelEvaluation Popularity);

/// <summary>
/// Evaluates the candidate ALS model and the baselines on one split with the same protocol, compares
/// them paired by user, and applies the quality gate (against popularity and, when a model is live,
/// against the live model re-scored on the same split).
/// </summary>
public static class EvaluateStage
{
    /// <summary>Runs the evaluation; <paramref name="live"/> is the live model scored in this split's ids, if any.</summary>
    public static EvaluationOutcome Evaluate(
        EvaluationSplit split, InteractionMatrix train, AlsModel als, IScoringModel? live,
        EvaluationSettings settings, GateSettings gate, int threads, long seed,
        IReadOnlyList<RollingOriginSummary>? rollingOrigins, ProgressReporter progress, CancellationToken ct)
    {
        progress.BeginStage("evaluate");
        var options = settings.ToOptions(threads, seed);
        string primary = gate.PrimaryMetric;
        var evaluations = new List<ModelEvaluation>();

        var alsEval = Run(als, "als", train, split, options, progress);
        evaluations.Add(alsEval);
        ct.ThrowIfCancellationRequested();
        var popularity = Run(PopularityModel.Fit(train.UserItem), "popularity", train, split, options, progress);
        evaluations.Add(popularity);
        ct.ThrowIfCancellationRequested();
        ModelEvaluation? itemKnn = null;
        if (settings.ItemKnn)
        {
            var knn = ItemKnnModel.Fit(train.UserItem, new ItemKnnOptions { Neighbors = settings.ItemKnnNeighbors }, threads, ct);
            itemKnn = Run(knn, "item-knn", train, split, options, progress);
            evaluations.Add(itemKnn);
        }
        ModelEvaluation? liveEval = null;
        if (live is not null)
        {
            liveEval = Run(live, "live", train, split, options, progress);
            evaluations.Add(liveEval);
        }

        var comparisons = new List<ComparisonResult>();
        foreach (var baseline in new[] { popularity, itemKnn, liveEval })
        {
            if (baseline is null)
            {
                continue;
            }
            comparisons.Add(PairedComparison.Compare(alsEval, baseline, primary));
            string weighted = primary.StartsWith("snips:", StringComparison.Ordinal) ? primary["snips:".Length..] : "snips:" + primary;
            if (alsEval.Metrics.ContainsKey(weighted))
            {
                comparisons.Add(PairedComparison.Compare(alsEval, baseline, weighted));
            }
        }

        GateDecision? decision = gate.Enabled ? QualityGate.Decide(alsEval, popularity, liveEval, gate.ToOptions()) : null;
        Dictionary<string, RatingEvaluation>? ratings = null;
        if (!als.Options.Implicit)
        {
            ratings = new() { ["als"] = RatingEvaluator.Evaluate(als.Predict, split.Test) };
        }
        var report = EvaluationReport.Create(split.Description, split.Counts, evaluations, comparisons, decision, ratings, rollingOrigins);

        foreach (var c in comparisons)
        {
            progress.Line(string.Create(CultureInfo.InvariantCulture,
                $"{c.Metric}: {c.ModelA} {c.MeanA:0.0000} vs {c.ModelB} {c.MeanB:0.0000}, difference {c.Difference:+0.0000;-0.0000} [{c.CiLow:+0.0000;-0.0000}, {c.CiHigh:+0.0000;-0.0000}] over {c.Users} users: {c.VerdictText}{(c.LowPower ? " (low power: fewer than 200 users)" : "")}"));
        }
        if (ratings is not null)
        {
            var r = ratings["als"];
            progress.Line(string.Create(CultureInfo.InvariantCulture, $"als rating accuracy: RMSE {r.Rmse:0.0000}, MAE {r.Mae:0.0000} over {r.PairsUsed:N0} test pairs ({r.PairsSkipped:N0} skipped as unknown)"));
        }
        progress.EndStage(decision is null
            ? "gate disabled"
            : decision.Publish ? "gate passed" : "gate REFUSED: " + string.Join(" ", decision.Reasons));
        return new EvaluationOutcome(report, decision, alsEval, popularity);
    }

    private static ModelEvaluation Run(IScoringModel model, string name, InteractionMatrix train, EvaluationSplit split, EvaluationOptions options, ProgressReporter progress)
    {
        var evaluation = RankingEvaluator.Evaluate(new NamedModel(model, name), train.UserItem, split.Test, options);
        var k = options.Ks.Contains(10) ? 10 : options.Ks[0];
        string ndcg = MetricNames.AtK(MetricNames.Ndcg, k);
        string recall = MetricNames.AtK(MetricNames.Recall, k);
        progress.Line(string.Create(CultureInfo.InvariantCulture,
            $"{name,-10} {ndcg} {evaluation.Metrics[ndcg].Value:0.0000}  {recall} {evaluation.Metrics[recall].Value:0.0000}  snips:{ndcg} {evaluation.Metrics["snips:" + ndcg].Value:0.0000}  users {evaluation.UserCount:N0}"));
        return evaluation;
    }

    /// <summary>Gives a model the name its evaluation is reported under.</summary>
    private sealed class NamedModel(IScoringModel inner, string name) : IScoringModel
    {
        public string Name => name;
        public int UserCount => inner.UserCount;
        public int ItemCount => inner.ItemCount;
        public void ScoreUser(int user, Span<float> scores) => inner.ScoreUser(user, scores);
    }
}
