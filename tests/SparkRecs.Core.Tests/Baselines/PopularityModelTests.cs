using SparkRecs.Core.Baselines;
using SparkRecs.Core.Recommend;
using SparkRecs.Core.Sparse;
using SparkRecs.Core.Tests.Recommend;

namespace SparkRecs.Core.Tests.Baselines;

public class PopularityModelTests
{
    // 4 users x 5 items. Users per item: item0 {0,1,2}, item1 {0}, item2 {1,3}, item3 {}, item4 {2,3}.
    private static readonly CsrMatrix Training = TestData.Pattern(5, [0, 1], [0, 2], [0, 4], [2, 4]);

    [Fact]
    public void Counts_are_distinct_users_per_item()
    {
        var model = PopularityModel.Fit(Training);

        Assert.Equal(new[] { 3, 1, 2, 0, 2 }, model.Counts.ToArray());
        Assert.Equal(4, model.UserCount);
        Assert.Equal(5, model.ItemCount);
    }

    [Fact]
    public void Interaction_strength_does_not_change_the_count()
    {
        // User 0 watched item 1 fifty times; it is still one user.
        var weighted = CsrMatrix.FromCoordinates(2, 2, [0, 1, 1], [1, 0, 1], [50f, 1f, 1f]);

        var model = PopularityModel.Fit(weighted);

        Assert.Equal(new[] { 1, 2 }, model.Counts.ToArray());
    }

    [Fact]
    public void Ranking_is_by_count_then_lower_item_id()
    {
        var model = PopularityModel.Fit(Training);

        Assert.Equal(new[] { 0, 2, 4, 1, 3 }, model.RankedItems.ToArray());
    }

    [Fact]
    public void Every_user_scores_items_by_popularity()
    {
        var model = PopularityModel.Fit(Training);
        var scores = new float[5];

        model.ScoreUser(3, scores);

        Assert.Equal(new[] { 3f, 1f, 2f, 0f, 2f }, scores);
    }

    [Fact]
    public void Top_items_list_the_most_popular_with_counts_as_scores()
    {
        var model = PopularityModel.Fit(Training);

        var top = model.TopItems(2);

        Assert.Equal(new[] { 0, 2 }, top.Items);
        Assert.Equal(new[] { 3f, 2f }, top.Scores);
    }

    [Fact]
    public void Top_items_never_list_items_nobody_used()
    {
        var model = PopularityModel.Fit(Training);

        var top = model.TopItems(10);

        Assert.Equal(new[] { 0, 2, 4, 1 }, top.Items);
        Assert.Empty(model.TopItems(0).Items);
    }

    [Fact]
    public void Topn_from_popularity_skips_each_users_seen_items()
    {
        var model = PopularityModel.Fit(Training);

        var lists = TopNRecommender.RecommendFromScores(model, Training, 2, threads: 1);

        Assert.Equal(new[] { 2, 4 }, lists.Items(0).ToArray());
        Assert.Equal(new[] { 4, 1 }, lists.Items(1).ToArray());
        Assert.Equal(new[] { 0, 1 }, lists.Items(3).ToArray());
    }

    [Fact]
    public void Unknown_users_are_rejected_with_a_pointer_to_the_fallback()
    {
        var model = PopularityModel.Fit(Training);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => model.ScoreUser(4, new float[5]));

        Assert.Contains("TopItems", error.Message);
    }
}
