using SparkRecs.Core.Evaluation;
using static SparkRecs.Core.Tests.Evaluation.EvaluationFixtures;

namespace SparkRecs.Core.Tests.Evaluation;

public class PropensityWeightingTests
{
    private static readonly string[] WeightedAt5 = ["recall@5", "ndcg@5"];

    [Fact]
    public void Popularity_propensity_is_the_clipped_power_of_relative_training_count()
    {
        var p = ItemPropensity.FromTrainingCounts([4, 1, 0], eta: 0.5, minPropensity: 0.01);
        Assert.Equal([1.0, 0.5, 0.01], p.Values.ToArray());
        Assert.Equal(0.01, p.Cold);
    }

    [Fact]
    public void Ips_and_snips_equal_naive_when_every_propensity_is_one()
    {
        var (model, train, test, _) = RankingEvaluatorTests.RandomCase(users: 30, items: 20, seed: 2);
        var ones = ItemPropensity.FromValues(Enumerable.Repeat(1.0, 20).ToArray(), 1.0);
        var result = RankingEvaluator.Evaluate(model, train, test, Options(5), ones);
        foreach (string metric in WeightedAt5.Append(MetricNames.Auc))
        {
            var naive = result.PerUser(metric).ToArray();
            Assert.Equal(naive, result.PerUser(MetricNames.IpsPrefix + metric).ToArray(), new ToleranceComparer(1e-12));
            Assert.Equal(naive, result.PerUser(MetricNames.SnipsPrefix + metric).ToArray(), new ToleranceComparer(1e-12));
        }
        Assert.Equal(result.Weights.Pairs, result.Weights.EffectiveSampleSize, 1e-9);
    }

    [Fact]
    public void Snips_is_unchanged_when_propensities_are_scaled_by_a_constant()
    {
        var (model, train, test, _) = RankingEvaluatorTests.RandomCase(users: 30, items: 20, seed: 4);
        var random = new Random(1);
        var p = Enumerable.Range(0, 20).Select(_ => 0.05 + random.NextDouble()).ToArray();
        var baseResult = RankingEvaluator.Evaluate(model, train, test, Options(5), ItemPropensity.FromValues(p, 0.3));
        var scaled = RankingEvaluator.Evaluate(model, train, test, Options(5), ItemPropensity.FromValues(p.Select(v => 3 * v).ToArray(), 0.9));
        foreach (string metric in WeightedAt5.Append(MetricNames.Auc))
        {
            string snips = MetricNames.SnipsPrefix + metric;
            Assert.Equal(baseResult.PerUser(snips).ToArray(), scaled.PerUser(snips).ToArray(), new ToleranceComparer(1e-12));
            string ips = MetricNames.IpsPrefix + metric;
            Assert.Equal(baseResult.PerUser(ips).ToArray().Select(v => v / 3), scaled.PerUser(ips).ToArray(), new ToleranceComparer(1e-12));
        }
    }

    [Fact]
    public void Snips_weights_hits_by_inverse_propensity_hand_case()
    {
        // Relevant item 2 (rank 2) with p = 0.5 (w = 2) and item 5 (rank 5) with p = 0.25 (w = 4).
        var (model, train, test) = HandCase();
        var p = ItemPropensity.FromValues([1, 1, 0.5, 1, 1, 0.25], 1);
        var result = RankingEvaluator.Evaluate(model, train, test, Options(3), p);
        double invLog3 = 1 / Math.Log2(3);
        Assert.Equal(2.0 / 6, result.Metrics["snips:recall@3"].Value, 1e-12);
        Assert.Equal(2.0 / 2, result.Metrics["ips:recall@3"].Value, 1e-12);
        Assert.Equal(2 * invLog3 / (4 + 2 * invLog3), result.Metrics["snips:ndcg@3"].Value, 1e-12);
        Assert.Equal(2 * invLog3 / (1 + invLog3), result.Metrics["ips:ndcg@3"].Value, 1e-12);
        // AUC shares: item 2 is above 2 of 3 negatives, item 5 above none.
        Assert.Equal(2 * (2.0 / 3) / 6, result.Metrics["snips:auc"].Value, 1e-12);
        Assert.Equal(36.0 / 20, result.Weights.EffectiveSampleSize, 1e-12);
        Assert.Equal(4, result.Weights.MaxWeight, 1e-12);
    }

    [Fact]
    public void Position_propensity_multiplies_into_the_weight_when_positions_are_given()
    {
        // Item 2 shown at position 4: p = 1 * (1/4)^1, w = 4; item 5 at an unknown position: w = 1.
        var (model, train, test) = HandCase();
        var withPositions = test.WithPositions([4, 0, 1]);
        var ones = ItemPropensity.FromValues(Enumerable.Repeat(1.0, 6).ToArray(), 1);
        var result = RankingEvaluator.Evaluate(model, train, withPositions, Options(3) with { PositionEta = 1 }, ones);
        var ignored = RankingEvaluator.Evaluate(model, train, withPositions, Options(3), ones);
        Assert.Equal(4.0 / 5, result.Metrics["snips:recall@3"].Value, 1e-12);
        Assert.Equal(0.5, ignored.Metrics["snips:recall@3"].Value, 1e-12);
    }

    /// <summary>Element-wise equality within an absolute tolerance.</summary>
    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
