using SparkRecs.Core.Recommend;

namespace SparkRecs.Core.Tests.Recommend;

public class TopNRecommenderFromScoresTests
{
    [Theory]
    [InlineData(40, 120, 10)]
    [InlineData(3, 5, 8)]
    [InlineData(17, 64, 1)]
    public void Topn_from_scores_equals_the_brute_force_reference(int userCount, int itemCount, int n)
    {
        var model = new TableModel(userCount, itemCount, seed: userCount + itemCount, distinctScores: 6);
        var seen = TestData.RandomSeen(userCount, itemCount, 0.3, seed: n, fullUsers: 0);

        var actual = TopNRecommender.RecommendFromScores(model, seen, n, threads: 2);

        TestData.AssertSameLists(ReferenceTopN.RecommendFromScores(model, seen, n), actual, 0);
    }

    [Fact]
    public void Nan_scores_and_seen_items_are_never_listed()
    {
        var model = new TableModel(2, 6, seed: 1, distinctScores: 100);
        model.Table[0][2] = float.NaN;
        var seen = TestData.Pattern(6, [0, 1], []);

        var lists = TopNRecommender.RecommendFromScores(model, seen, 6, threads: 1);

        Assert.Equal(3, lists.Length(0));
        Assert.DoesNotContain(2, lists.Items(0).ToArray());
        Assert.DoesNotContain(0, lists.Items(0).ToArray());
        Assert.Equal(6, lists.Length(1));
    }

    [Fact]
    public void Chunked_topn_from_scores_equals_all_users()
    {
        var model = new TableModel(45, 30, seed: 4, distinctScores: 10);
        var all = TopNRecommender.RecommendFromScores(model, null, 7, threads: 2);
        var chunk = new TopNLists(10, 7);

        for (int start = 0; start < 45; start += 10)
        {
            int count = Math.Min(10, 45 - start);
            TopNRecommender.RecommendFromScores(model, null, start, count, chunk, 0, threads: 2);
            for (int r = 0; r < count; r++)
            {
                Assert.Equal(all.Items(start + r).ToArray(), chunk.Items(r).ToArray());
            }
        }
    }

    /// <summary>A model whose scores come from a table; few distinct values so ties are common.</summary>
    private sealed class TableModel : IScoringModel
    {
        public TableModel(int users, int items, int seed, int distinctScores)
        {
            var random = new Random(seed);
            Table = Enumerable.Range(0, users)
                .Select(_ => Enumerable.Range(0, items).Select(_ => (float)random.Next(distinctScores)).ToArray())
                .ToArray();
            ItemCount = items;
        }

        public float[][] Table { get; }

        public string Name => "table";

        public int UserCount => Table.Length;

        public int ItemCount { get; }

        public void ScoreUser(int user, Span<float> scores) => Table[user].CopyTo(scores);
    }
}
