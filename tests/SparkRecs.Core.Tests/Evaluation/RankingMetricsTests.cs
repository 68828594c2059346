using SparkRecs.Core.Evaluation;
using static SparkRecs.Core.Tests.Evaluation.EvaluationFixtures;

namespace SparkRecs.Core.Tests.Evaluation;

public class RankingMetricsTests
{
    private const double Tol = 1e-9;
    private static readonly double InvLog3 = 1 / Math.Log2(3);
    private static readonly double InvLog6 = 1 / Math.Log2(6);

    [Fact]
    public void Hand_case_metrics_match_the_definitions_at_every_k()
    {
        var (model, train, test) = HandCase();
        var result = RankingEvaluator.Evaluate(model, train, test, Options(1, 3, 5));

        Assert.Equal(1, result.UserCount);
        Assert.Equal(0, result.Users[0]);
        // K = 1: the top item (1) is not relevant.
        foreach (var family in MetricNames.TopKFamilies)
        {
            Assert.Equal(0, result.Metrics[MetricNames.AtK(family, 1)].Value, Tol);
        }
        // K = 3: one hit at rank 2, |R_u| = 2.
        Assert.Equal(1.0 / 3, result.Metrics["precision@3"].Value, Tol);
        Assert.Equal(0.5, result.Metrics["recall@3"].Value, Tol);
        Assert.Equal(1, result.Metrics["hitrate@3"].Value, Tol);
        Assert.Equal(0.5 * (1.0 / 2), result.Metrics["map@3"].Value, Tol);
        Assert.Equal(InvLog3 / (1 + InvLog3), result.Metrics["ndcg@3"].Value, Tol);
        Assert.Equal(0.5, result.Metrics["mrr@3"].Value, Tol);
        // K = 5: both hits, at ranks 2 and 5.
        Assert.Equal(2.0 / 5, result.Metrics["precision@5"].Value, Tol);
        Assert.Equal(1, result.Metrics["recall@5"].Value, Tol);
        Assert.Equal(0.5 * (1.0 / 2 + 2.0 / 5), result.Metrics["map@5"].Value, Tol);
        Assert.Equal((InvLog3 + InvLog6) / (1 + InvLog3), result.Metrics["ndcg@5"].Value, Tol);
        Assert.Equal(0.5, result.Metrics["mrr@5"].Value, Tol);
    }

    [Fact]
    public void Auc_counts_correctly_ordered_relevant_non_relevant_pairs_over_all_candidates()
    {
        // Non-relevant candidates 1, 3, 4. Item 2 is above 3 and 4 (2 pairs), item 5 above none: 2 of 6 pairs.
        var (model, train, test) = HandCase();
        var result = RankingEvaluator.Evaluate(model, train, test, Options());
        Assert.Equal(2.0 / 6, result.Metrics[MetricNames.Auc].Value, Tol);
    }

    [Fact]
    public void Fewer_candidates_than_k_keeps_k_in_precision_and_pads_the_list()
    {
        var (model, train, test) = HandCase();
        var result = RankingEvaluator.Evaluate(model, train, test, Options(10));
        Assert.Equal(2.0 / 10, result.Metrics["precision@10"].Value, Tol);
        Assert.Equal(1, result.Metrics["recall@10"].Value, Tol);
        Assert.Equal(0.5 * (1.0 / 2 + 2.0 / 5), result.Metrics["map@10"].Value, Tol);
        Assert.Equal((InvLog3 + InvLog6) / (1 + InvLog3), result.Metrics["ndcg@10"].Value, Tol);
        Assert.Equal([1, 2, 3, 4, 5, -1, -1, -1, -1, -1], result.TopLists.Items(0).ToArray());
    }

    [Fact]
    public void Ties_are_broken_by_lower_item_id_in_ranks_and_lists()
    {
        // All scores equal: the order is item 1, 2, 3, 4, 5, exactly as in the hand case.
        var (model, train, test) = HandCase([0.3f, 0.3f, 0.3f, 0.3f, 0.3f, 0.3f]);
        var result = RankingEvaluator.Evaluate(model, train, test, Options(1, 3, 5));
        Assert.Equal(0.5, result.Metrics["mrr@3"].Value, Tol);
        Assert.Equal((InvLog3 + InvLog6) / (1 + InvLog3), result.Metrics["ndcg@5"].Value, Tol);
        Assert.Equal(2.0 / 6, result.Metrics[MetricNames.Auc].Value, Tol);
        Assert.Equal([1, 2, 3, 4, 5], result.TopLists.Items(0).ToArray());
    }

    [Fact]
    public void Nan_scores_rank_last()
    {
        var (model, train, test) = HandCase([1f, float.NaN, 0.8f, 0.7f, 0.6f, 0.5f]);
        var result = RankingEvaluator.Evaluate(model, train, test, Options(5));
        Assert.Equal([2, 3, 4, 5, 1], result.TopLists.Items(0).ToArray());
        Assert.Equal(1.0, result.Metrics["mrr@5"].Value, Tol);
    }

    [Fact]
    public void Users_without_relevant_test_items_are_not_evaluated()
    {
        var (model, train, _) = HandCase();
        // User 1 only rated item 0 with 2 (not relevant); user 2 only a cold item; user 0 as before.
        var test = Test((1, 0, 2f), (2, -1, 5f), (0, 2, 5f));
        var result = RankingEvaluator.Evaluate(model, train, test, Options());
        Assert.Equal([0], result.Users.ToArray());
        Assert.Equal(1, result.Counts.EvaluableUsers);
        Assert.Equal(1, result.Counts.UsersWithOnlyColdRelevant);
    }

    [Fact]
    public void Cold_test_items_count_as_misses_in_the_relevant_set()
    {
        var (model, train, _) = HandCase();
        var test = Test((0, 2, 5f), (0, 5, 4f), (0, -1, 5f));
        var result = RankingEvaluator.Evaluate(model, train, test, Options(5));
        double idcg3 = 1 + InvLog3 + 0.5;
        Assert.Equal(2.0 / 3, result.Metrics["recall@5"].Value, Tol);
        Assert.Equal((InvLog3 + InvLog6) / idcg3, result.Metrics["ndcg@5"].Value, Tol);
        Assert.Equal((1.0 / 2 + 2.0 / 5) / 3, result.Metrics["map@5"].Value, Tol);
        Assert.Equal(2.0 / 9, result.Metrics[MetricNames.Auc].Value, Tol);
        Assert.Equal(1, result.Counts.ColdRelevantItems);
        Assert.Equal(1.0 / 3, result.Counts.ColdRelevantShare, Tol);
    }

    [Fact]
    public void Relevant_items_already_in_training_are_removed_and_counted()
    {
        var (model, train, _) = HandCase();
        var test = Test((0, 0, 5f), (0, 2, 5f));
        var result = RankingEvaluator.Evaluate(model, train, test, Options(3));
        Assert.Equal(1, result.Counts.RelevantAlreadyInTraining);
        Assert.Equal(1, result.Metrics["recall@3"].Value, Tol);
    }

    [Fact]
    public void Duplicate_relevant_events_count_once()
    {
        var (model, train, _) = HandCase();
        var test = Test((0, 2, 5f), (0, 2, 4f), (0, 5, 4f));
        var result = RankingEvaluator.Evaluate(model, train, test, Options(3));
        Assert.Equal(0.5, result.Metrics["recall@3"].Value, Tol);
    }

    [Fact]
    public void Implicit_relevance_threshold_filters_by_weight()
    {
        var (model, train, _) = HandCase();
        var test = Test((0, 2, 0.5f), (0, 5, 3f));
        var any = RankingEvaluator.Evaluate(model, train, test, Options(3) with { Relevance = RelevanceRule.Events() });
        var heavy = RankingEvaluator.Evaluate(model, train, test, Options(3) with { Relevance = RelevanceRule.Events(1f) });
        Assert.Equal(0.5, any.Metrics["recall@3"].Value, Tol);
        Assert.Equal(0, heavy.Metrics["recall@3"].Value, Tol);
    }

    [Fact]
    public void Model_and_matrix_of_different_splits_are_rejected()
    {
        var (_, train, test) = HandCase();
        var wrong = FixedScoreModel.Same("wrong", 3, 1f, 2f);
        var error = Assert.Throws<ArgumentException>(() => RankingEvaluator.Evaluate(wrong, train, test, Options()));
        Assert.Contains("same split", error.Message);
    }
}
