using SparkRecs.Core.Evaluation;
using static SparkRecs.Core.Tests.Evaluation.ComparisonFixtures;

namespace SparkRecs.Core.Tests.Evaluation;

public class UncertaintyTests
{
    [Fact]
    public void Bootstrap_is_deterministic_for_a_seed_and_its_interval_contains_the_mean()
    {
        var random = new Random(3);
        var values = Enumerable.Range(0, 300).Select(_ => random.NextDouble()).ToArray();
        var first = Bootstrap.MeanInterval(values, 1000, seed: 42);
        var again = Bootstrap.MeanInterval(values, 1000, seed: 42);
        var other = Bootstrap.MeanInterval(values, 1000, seed: 43);
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.Equal(values.Average(), first.Value, 1e-12);
        Assert.InRange(first.Value, first.CiLow!.Value, first.CiHigh!.Value);
        // Standard error of a uniform mean over 300 users is about 0.0167: the 95% interval is about +-0.033.
        Assert.InRange(first.CiHigh!.Value - first.CiLow!.Value, 0.05, 0.08);
    }

    [Fact]
    public void Evaluation_intervals_bracket_every_metric_mean()
    {
        var (train, test, target) = Population(250);
        var result = Evaluate(Oracle(target, finds: u => u % 2 == 0), train, test);
        foreach (var (name, estimate) in result.Metrics)
        {
            Assert.True(estimate.CiLow <= estimate.Value + 1e-12 && estimate.Value <= estimate.CiHigh + 1e-12, name);
        }
        Assert.True(result.Metrics["hitrate@10"].CiLow < 0.5 && result.Metrics["hitrate@10"].CiHigh > 0.5);
        Assert.False(result.LowPower);
    }

    [Fact]
    public void Comparing_a_model_with_itself_gives_zero_difference_and_inconclusive()
    {
        var (train, test, target) = Population(250);
        var evaluation = Evaluate(Oracle(target, finds: u => u % 2 == 0), train, test);
        var result = PairedComparison.Compare(evaluation, evaluation, "ndcg@10");
        Assert.Equal(0, result.Difference);
        Assert.Equal((0.0, 0.0), (result.CiLow, result.CiHigh));
        Assert.Equal(ComparisonVerdict.Inconclusive, result.Verdict);
        Assert.Equal(1, result.PBootstrap);
        Assert.Equal(1, result.PWilcoxon);
        Assert.Equal(250, result.Users);
    }

    [Fact]
    public void A_clearly_better_model_has_an_interval_excluding_zero()
    {
        var (train, test, target) = Population(250);
        var good = Evaluate(Oracle(target, finds: u => u % 2 == 0), train, test);
        var bad = Evaluate(Inverse(target), train, test);
        var result = PairedComparison.Compare(good, bad, "recall@10");
        Assert.True(result.CiLow > 0);
        Assert.Equal(ComparisonVerdict.ABetter, result.Verdict);
        Assert.Equal("oracle better", result.VerdictText);
        Assert.True(result.PBootstrap < 0.01);
        Assert.True(result.PWilcoxon < 1e-6);
        Assert.Equal(0.5, result.Difference, 1e-12);
        var reversed = PairedComparison.Compare(bad, good, "recall@10");
        Assert.Equal(ComparisonVerdict.BBetter, reversed.Verdict);
    }

    [Fact]
    public void Paired_comparison_uses_only_users_common_to_both()
    {
        var (train, test, target) = Population(250);
        var all = Evaluate(Oracle(target), train, test);
        var some = RankingEvaluator.Evaluate(Inverse(target), train, test,
            new EvaluationOptions { Ks = [10], MaxUsers = 120, BootstrapResamples = 200, Threads = 1 });
        var result = PairedComparison.Compare(all, some, "hitrate@10");
        Assert.Equal(120, result.Users);
        Assert.True(result.LowPower);
        Assert.Equal(1, result.Difference, 1e-12);
    }

    [Fact]
    public void Wilcoxon_matches_the_normal_approximation_by_hand()
    {
        // Ten positive differences: W+ = 55, E = 27.5, Var = 96.25, z = 27 / 9.8107 = 2.752, p = 0.00592.
        double p = WilcoxonSignedRank.PValue([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        Assert.Equal(0.00592, p, 1e-4);
        Assert.Equal(1, WilcoxonSignedRank.PValue([1, -1, 2, -2]), 1e-12);
    }

    [Fact]
    public void Erfc_matches_known_values()
    {
        Assert.Equal(1, WilcoxonSignedRank.Erfc(0), 1e-7);
        Assert.Equal(0.157299207, WilcoxonSignedRank.Erfc(1), 1e-7);
        Assert.Equal(1.842700793, WilcoxonSignedRank.Erfc(-1), 1e-7);
    }

    [Fact]
    public void Rating_evaluator_skips_unknown_pairs_and_reports_rmse_and_mae()
    {
        var test = EvaluationFixtures.Test((0, 0, 4f), (1, 1, 2f), (-1, 0, 5f), (0, -1, 3f));
        var result = RatingEvaluator.Evaluate((u, i) => u == 0 ? 3f : 4f, test);
        Assert.Equal(2, result.PairsUsed);
        Assert.Equal(2, result.PairsSkipped);
        Assert.Equal(Math.Sqrt((1 + 4) / 2.0), result.Rmse!.Value, 1e-12);
        Assert.Equal(1.5, result.Mae!.Value, 1e-12);
    }

    [Fact]
    public void Rating_evaluator_rejects_nan_predictions()
    {
        var test = EvaluationFixtures.Test((0, 0, 4f));
        Assert.Throws<Core.Errors.TrainingException>(() => RatingEvaluator.Evaluate((_, _) => float.NaN, test));
    }
}
