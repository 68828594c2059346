using System.Globalization;
using SparkRecs.Core.Baselines;
using SparkRecs.Core.Evaluation;
using SparkRecs.Core.Evaluation.Tuning;
using SparkRecs.Core.Factorization;
using SparkRecs.Core.Recommend;
using SparkRecs.Core.Sparse;
using SparkRecs.Tests.Shared;
using Xunit.Abstractions;

namespace SparkRecs.Core.Tests.Evaluation.Tuning;

/// <summary>
/// Tuned implicit ALS on ML-100K against the baselines, with the protocol of the evaluation design's
/// calibration: K = 10, rating &gt;= 4 relevant, cold test items dropped from R_u, binary preference
/// with confidence 1 + alpha, exact (Cholesky) solves, 15 iterations. Parameters are chosen on the
/// validation split only; the winner is retrained on all data before T and measured once on the test
/// window. The full search (ranks {32, 64} x reg {1, 10, 100, 1000} x alpha {1, 5, 10, 40}, 32
/// points, selected by validation ndcg@10; snips:ndcg@10 picks the same points) takes minutes, so the
/// global test searches a slice of it that contains the full search's validation winner, and the
/// per-user test, whose winner is rank 64, retrains that winner directly. The pinned figures were
/// produced by these tests; tolerances allow small numerical changes in ALS, not a change of protocol.
/// </summary>
public class MovielensTuningTests(ITestOutputHelper output)
{
    private static readonly EvaluationOptions Evaluation = new() { Ks = [10], ColdItemsAsMisses = false, BootstrapResamples = 1000 };

    private static readonly AlsTuningOptions Tuning = new()
    {
        SelectionMetric = "ndcg@10",
        BaseOptions = new AlsOptions { Iterations = 15, Solver = AlsSolver.Cholesky, ComputeLoss = false },
        Evaluation = Evaluation,
        BuildMatrix = TrainingMatrix.Binary,
    };

    /// <summary>
    /// Global temporal split at T = the 80th percentile of timestamps, test window [T, end of data]
    /// (46.9 days); validation cutoff T_v = T - 46.9 days, validated on [T_v, T).
    /// </summary>
    [DatasetFact(CalibrationTests.MovieLens100KRatings)]
    public void Movielens100k_tuned_als_beats_popularity_on_global_split()
    {
        var all = CalibrationTests.LoadMovieLens100K();
        long cutoff = TemporalSplit.CutoffAtQuantile(all, 0.8);
        long horizon = all.Timestamps.ToArray().Max() - cutoff + 1;
        var test = TemporalSplit.Global(all, cutoff, horizonMs: null);
        var validation = TemporalSplit.ValidationSplit(all, cutoff, horizon);
        var space = new AlsSearchSpace { Ranks = [32], RegParams = [1f, 10f, 1000f], Alphas = [1f] };

        var run = Run(validation, test, space);

        Assert.Equal((32, 1f, 1f), (run.Tuning.BestOptions.Rank, run.Tuning.BestOptions.RegParam, run.Tuning.BestOptions.Alpha));
        Assert.Equal(101, run.Tuning.ValidationUsers);
        Assert.Equal(95, run.Als.UserCount);
        double ndcg = run.Als.Metrics["ndcg@10"].Value;
        double recall = run.Als.Metrics["recall@10"].Value;
        Assert.True(ndcg >= 0.145, $"tuned ALS nDCG@10 {ndcg:F4} is below the design's bar of 0.145");
        Assert.True(ndcg > run.Popularity.Metrics["ndcg@10"].Value && recall > run.Popularity.Metrics["recall@10"].Value,
            "tuned ALS must beat popularity on both nDCG@10 and recall@10");
        Assert.Equal(0.1592, ndcg, 0.005);
        Assert.Equal(0.1081, recall, 0.005);
        Assert.Equal(0.1381, run.Popularity.Metrics["ndcg@10"].Value, 0.001);
        var vsPopularity = PairedComparison.Compare(run.Als, run.Popularity, "ndcg@10");
        Assert.True(vsPopularity.LowPower);
    }

    /// <summary>
    /// Per-user chronological split: each user's last 20% of events held out (other users' later events
    /// are in training). Validation: the same split of the training part (each user's last 20% of it,
    /// 910 users), on which the full search chose rank 64, reg 10, alpha 1 (validation ndcg@10 0.1419
    /// [0.1299, 0.1539], ahead of rank 32, reg 10, alpha 1 at 0.1389). Two rank-64 fits would exceed
    /// the time budget of an opt-in test, so this one retrains the winner without repeating the search.
    /// </summary>
    [DatasetFact(CalibrationTests.MovieLens100KRatings)]
    public void Movielens100k_tuned_als_beats_popularity_and_matches_item_knn_on_per_user_split()
    {
        var test = TemporalSplit.PerUserLastFraction(CalibrationTests.LoadMovieLens100K(), 0.2);
        var chosen = Tuning.BaseOptions with { Rank = 64, RegParam = 10f, Alpha = 1f };

        var run = Measure(test, chosen);

        Assert.Equal(906, run.Als.UserCount);
        var vsPopularity = PairedComparison.Compare(run.Als, run.Popularity, "ndcg@10");
        Assert.True(vsPopularity.CiLow > 0, $"ALS - popularity nDCG@10 interval [{vsPopularity.CiLow:F4}, {vsPopularity.CiHigh:F4}] must exclude zero");
        double ndcg = run.Als.Metrics["ndcg@10"].Value;
        Assert.True(ndcg >= run.ItemKnn.Metrics["ndcg@10"].Value,
            $"tuned ALS nDCG@10 {ndcg:F4} fell below item-kNN's {run.ItemKnn.Metrics["ndcg@10"].Value:F4}");
        Assert.Equal(0.1744, ndcg, 0.005);
        Assert.Equal(0.1627, run.Als.Metrics["recall@10"].Value, 0.005);
        Assert.Equal(0.1696, run.ItemKnn.Metrics["ndcg@10"].Value, 0.002);
    }

    private sealed record ProtocolRun(ModelEvaluation Als, ModelEvaluation Popularity, ModelEvaluation ItemKnn);

    private sealed record TunedRun(TuningResult Tuning, ModelEvaluation Als, ModelEvaluation Popularity, ModelEvaluation ItemKnn);

    /// <summary>Tunes on <paramref name="validation"/>, then measures the winner once on the test window.</summary>
    private TunedRun Run(EvaluationSplit validation, EvaluationSplit test, AlsSearchSpace space)
    {
        var tuning = AlsTuner.Tune(validation, space, Tuning, p => output.WriteLine(
            $"trial {p.Completed}/{p.Total}: {p.Trial.Describe()}: validation {p.Trial.SelectionMetric} {Format(p.Trial.Value)} on {p.Trial.Users} users, {p.Trial.TrainSeconds:F1}s"));
        output.WriteLine($"chosen on {validation.Description.Label}: {tuning.Best.Describe()}");
        var run = Measure(test, tuning.BestOptions);
        return new TunedRun(tuning, run.Als, run.Popularity, run.ItemKnn);
    }

    /// <summary>
    /// Retrains <paramref name="chosen"/> on the test split's training window (all data before T) and
    /// evaluates it with popularity and item-kNN (cosine, every neighbour kept) once on the test window.
    /// </summary>
    private ProtocolRun Measure(EvaluationSplit test, AlsOptions chosen)
    {
        var train = TrainingMatrix.Binary(test.Train);
        var als = AlsTrainer.Fit(train, train.Transpose(), chosen);
        var knn = ItemKnnModel.Fit(train, new ItemKnnOptions { Neighbors = train.Columns });
        var run = new ProtocolRun(Evaluate(als, train, test), Evaluate(PopularityModel.Fit(train), train, test), Evaluate(knn, train, test));
        output.WriteLine(test.Description.Label);
        foreach (var model in new[] { run.Als, run.Popularity, run.ItemKnn })
        {
            output.WriteLine($"{model.Model,-10} {model.UserCount} users  ndcg@10 {Format(model.Metrics["ndcg@10"])}  snips:ndcg@10 {Format(model.Metrics["snips:ndcg@10"])}  recall@10 {Format(model.Metrics["recall@10"])}  snips:recall@10 {Format(model.Metrics["snips:recall@10"])}");
        }
        foreach (var baseline in new[] { run.Popularity, run.ItemKnn })
        {
            foreach (string metric in new[] { "ndcg@10", "snips:ndcg@10", "recall@10" })
            {
                var c = PairedComparison.Compare(run.Als, baseline, metric);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"als - {baseline.Model} {metric}: {c.Difference:+0.0000;-0.0000} [{c.CiLow:+0.0000;-0.0000}, {c.CiHigh:+0.0000;-0.0000}] on {c.Users} users, p {c.PBootstrap:F3}, {c.VerdictText}"));
            }
        }
        return run;
    }

    private static ModelEvaluation Evaluate(IScoringModel model, CsrMatrix train, EvaluationSplit test)
        => RankingEvaluator.Evaluate(model, train, test.Test, Evaluation);

    private static string Format(MetricEstimate e)
        => string.Create(CultureInfo.InvariantCulture, $"{e.Value:F4} [{e.CiLow:F4}, {e.CiHigh:F4}]");
}
