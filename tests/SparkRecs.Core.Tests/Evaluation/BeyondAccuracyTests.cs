using SparkRecs.Core.Evaluation;
using SparkRecs.Core.Recommend;
using static SparkRecs.Core.Tests.Evaluation.EvaluationFixtures;

namespace SparkRecs.Core.Tests.Evaluation;

public class BeyondAccuracyTests
{
    [Fact]
    public void Coverage_gini_arp_long_tail_and_novelty_match_a_hand_case()
    {
        // Five items with training counts 5, 4, 3, 2, 1 among 10 users; head (top 20%) = item 0.
        var popularity = new CatalogPopularity([5, 4, 3, 2, 1], trainingUsers: 10, headShare: 0.2);
        var lists = new TopNLists(2, 2);
        lists.Items(0)[0] = 0;
        lists.Items(0)[1] = 1;
        lists.Items(1)[0] = 0;
        lists.Items(1)[1] = 2;
        var metrics = BeyondAccuracy.Compute(lists, [0, 1], 2, popularity);
        Assert.Equal(3.0 / 5, metrics.Coverage, 1e-12);
        // Exposures sorted 0, 0, 1, 1, 2: G = 2 * 17 / (5 * 4) - 6 / 5.
        Assert.Equal(0.5, metrics.ExposureGini, 1e-12);
        Assert.Equal((4.5 + 4.0) / 2, metrics.AverageRecommendedPopularity, 1e-12);
        Assert.Equal(0.5, metrics.LongTailShare, 1e-12);
        double novelty = (1 + 1 - Math.Log2(0.4) - Math.Log2(0.3)) / 4;
        Assert.Equal(novelty, metrics.Novelty, 1e-12);
    }

    [Fact]
    public void Truncating_to_a_smaller_k_uses_only_the_first_k_slots()
    {
        var popularity = new CatalogPopularity([5, 4, 3, 2, 1], trainingUsers: 10, headShare: 0.2);
        var lists = new TopNLists(1, 3);
        lists.Items(0)[0] = 0;
        lists.Items(0)[1] = 3;
        lists.Items(0)[2] = 4;
        var atOne = BeyondAccuracy.Compute(lists, [0], 1, popularity);
        Assert.Equal(1.0 / 5, atOne.Coverage, 1e-12);
        Assert.Equal(0, atOne.LongTailShare, 1e-12);
    }

    [Fact]
    public void Every_item_equally_exposed_has_zero_gini()
    {
        var popularity = new CatalogPopularity([2, 2], trainingUsers: 2, headShare: 0.5);
        var lists = new TopNLists(2, 1);
        lists.Items(0)[0] = 0;
        lists.Items(1)[0] = 1;
        Assert.Equal(0, BeyondAccuracy.Compute(lists, [0, 1], 1, popularity).ExposureGini, 1e-12);
    }

    [Fact]
    public void Evaluation_reports_beyond_accuracy_per_k_and_a_popularity_curve()
    {
        var (model, train, test) = HandCase();
        var result = RankingEvaluator.Evaluate(model, train, test, Options(1, 3, 5));
        Assert.Equal([1, 3, 5], result.BeyondAccuracy.Select(b => b.K));
        Assert.Equal(5.0 / 6, result.BeyondAccuracy[2].Coverage, 1e-12);
        Assert.Equal(1, result.RecommendedPopularityCurve.Sum(), 1e-12);
        Assert.Equal(1, result.TrainingPopularityCurve.Sum(), 1e-12);
    }
}
