using SparkRecs.Core.Factorization;
using SparkRecs.Core.Recommend;
using SparkRecs.Core.Sparse;

namespace SparkRecs.Core.Tests.Recommend;

public class TopNRecommenderTests
{
    public static TheoryData<int> Ranks() => ScoreKernelTests.Ranks();

    [Theory]
    [MemberData(nameof(Ranks))]
    public void Topn_equals_the_brute_force_reference_for_every_rank(int rank)
    {
        var users = TestData.RandomFactors(37, rank, seed: rank);
        var items = TestData.RandomFactors(203, rank, seed: 500 + rank);
        var seen = TestData.RandomSeen(37, 203, 0.1, seed: rank, fullUsers: 5);

        var actual = TopNRecommender.RecommendAll(users, items, seen, 10, threads: 3);

        TestData.AssertSameLists(ReferenceTopN.RecommendAll(users, items, seen, 10), actual, 1e-4);
    }

    [Theory]
    [InlineData(1, 1, 1, 1)]
    [InlineData(5, 3, 4, 10)] // fewer candidates than N: padding
    [InlineData(70, 1000, 8, 1)] // N = 1
    [InlineData(150, 1300, 64, 20)] // several user blocks and several item blocks
    [InlineData(40, 5000, 16, 10)] // 64 panels per item block: every bit of the kernel's flags
    [InlineData(30, 4000, 1, 5)] // rank 1
    [InlineData(9, 33, 3, 33)] // N = catalogue size
    [InlineData(4, 0, 5, 3)] // empty catalogue
    public void Topn_equals_the_brute_force_reference_across_sizes(int userCount, int itemCount, int rank, int n)
    {
        var users = TestData.RandomFactors(userCount, rank, seed: userCount);
        var items = TestData.RandomFactors(itemCount, rank, seed: itemCount);
        var seen = TestData.RandomSeen(userCount, itemCount, 0.2, seed: n, fullUsers: 0);

        var actual = TopNRecommender.RecommendAll(users, items, seen, n, threads: 2);

        TestData.AssertSameLists(ReferenceTopN.RecommendAll(users, items, seen, n), actual, 1e-4);
    }

    [Fact]
    public void Topn_never_contains_a_seen_item()
    {
        var users = TestData.RandomFactors(60, 12, seed: 1);
        var items = TestData.RandomFactors(90, 12, seed: 2);
        var seen = TestData.RandomSeen(60, 90, 0.6, seed: 3);

        var lists = TopNRecommender.RecommendAll(users, items, seen, 30, threads: 2);

        for (int u = 0; u < lists.Rows; u++)
        {
            foreach (int item in lists.Items(u))
            {
                Assert.True(item == -1 || !seen.Contains(u, item), $"User {u} was recommended item {item} from training.");
            }
            Assert.Equal(Math.Min(30, 90 - seen.RowLength(u)), lists.Length(u));
        }
    }

    [Fact]
    public void A_user_who_has_seen_every_item_gets_an_empty_padded_list()
    {
        var users = TestData.RandomFactors(3, 5, seed: 1);
        var items = TestData.RandomFactors(20, 5, seed: 2);
        var seen = TestData.RandomSeen(3, 20, 0.0, seed: 3, fullUsers: 1);

        var lists = TopNRecommender.RecommendAll(users, items, seen, 4, threads: 1);

        Assert.Equal(new[] { -1, -1, -1, -1 }, lists.Items(1).ToArray());
        Assert.Equal(new[] { 0f, 0f, 0f, 0f }, lists.Scores(1).ToArray());
        Assert.Equal(4, lists.Length(0));
    }

    [Fact]
    public void Ties_break_by_lower_item_id()
    {
        // Every item has the same factors, so every unseen item ties.
        var users = new FactorMatrix(1, 2, [1f, 2f]);
        var items = new FactorMatrix(40, 2, Enumerable.Repeat(0.5f, 80).ToArray());
        var seen = TestData.Pattern(40, [1, 3]);

        var lists = TopNRecommender.RecommendAll(users, items, seen, 5, threads: 1);

        Assert.Equal(new[] { 0, 2, 4, 5, 6 }, lists.Items(0).ToArray());
        Assert.All(lists.Scores(0).ToArray(), s => Assert.Equal(1.5f, s));
    }

    [Fact]
    public void Scores_are_best_first_dot_products()
    {
        var users = new FactorMatrix(1, 2, [1f, 0f]);
        var items = new FactorMatrix(4, 2, [0.5f, 9f, 3f, 0f, -1f, 1f, 2f, 2f]);

        var lists = TopNRecommender.RecommendAll(users, items, seen: null, 4, threads: 1);

        Assert.Equal(new[] { 1, 3, 0, 2 }, lists.Items(0).ToArray());
        Assert.Equal(new[] { 3f, 2f, 0.5f, -1f }, lists.Scores(0).ToArray());
    }

    [Fact]
    public void Chunked_recommend_equals_recommend_all()
    {
        var users = TestData.RandomFactors(101, 16, seed: 7);
        var items = TestData.RandomFactors(257, 16, seed: 8);
        var seen = TestData.RandomSeen(101, 257, 0.05, seed: 9);
        var all = TopNRecommender.RecommendAll(users, items, seen, 12, threads: 2);

        // One 17-row destination reused for every chunk, written at offset 2.
        var chunk = new TopNLists(19, 12);
        for (int start = 0; start < users.Rows; start += 17)
        {
            int count = Math.Min(17, users.Rows - start);
            TopNRecommender.Recommend(users, items, seen, start, count, chunk, 2, threads: 2);
            for (int r = 0; r < count; r++)
            {
                Assert.Equal(all.Items(start + r).ToArray(), chunk.Items(2 + r).ToArray());
                Assert.Equal(all.Scores(start + r).ToArray(), chunk.Scores(2 + r).ToArray());
            }
        }
    }

    [Fact]
    public void Results_are_identical_for_any_thread_count()
    {
        var users = TestData.RandomFactors(300, 24, seed: 11);
        var items = TestData.RandomFactors(500, 24, seed: 12);
        var seen = TestData.RandomSeen(300, 500, 0.02, seed: 13);

        var one = TopNRecommender.RecommendAll(users, items, seen, 15, threads: 1);
        var four = TopNRecommender.RecommendAll(users, items, seen, 15, threads: 4);

        Assert.Equal(one.ItemArray, four.ItemArray);
        Assert.Equal(one.ScoreArray, four.ScoreArray);
    }

    [Fact]
    public void Without_a_seen_matrix_every_item_is_a_candidate()
    {
        var users = TestData.RandomFactors(8, 6, seed: 1);
        var items = TestData.RandomFactors(30, 6, seed: 2);

        var lists = TopNRecommender.RecommendAll(users, items, seen: null, 30, threads: 2);

        TestData.AssertSameLists(ReferenceTopN.RecommendAll(users, items, null, 30), lists, 1e-4);
        Assert.All(Enumerable.Range(0, 8), u => Assert.Equal(30, lists.Length(u)));
    }

    [Fact]
    public void Progress_reports_every_user_once()
    {
        var users = TestData.RandomFactors(333, 4, seed: 1);
        var items = TestData.RandomFactors(50, 4, seed: 2);
        int done = 0;

        TopNRecommender.RecommendAll(users, items, null, 5, threads: 3, onUsersDone: n => Interlocked.Add(ref done, n));

        Assert.Equal(333, done);
    }

    [Fact]
    public void A_cancelled_token_stops_the_run()
    {
        var users = TestData.RandomFactors(100, 4, seed: 1);
        var items = TestData.RandomFactors(50, 4, seed: 2);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => TopNRecommender.RecommendAll(users, items, null, 5, threads: 2, ct: cancelled.Token));
    }

    [Fact]
    public void Mismatched_ranks_are_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            TopNRecommender.RecommendAll(TestData.RandomFactors(2, 4, 1), TestData.RandomFactors(3, 5, 2), null, 1, threads: 1));

        Assert.Contains("rank 4", error.Message);
    }

    [Fact]
    public void A_seen_matrix_of_another_shape_is_rejected()
    {
        var seen = TestData.RandomSeen(2, 4, 0.5, seed: 1);

        var error = Assert.Throws<ArgumentException>(() =>
            TopNRecommender.RecommendAll(TestData.RandomFactors(2, 3, 1), TestData.RandomFactors(5, 3, 2), seen, 1, threads: 1));

        Assert.Equal("seen", error.ParamName);
    }

    [Fact]
    public void A_user_range_outside_the_model_is_rejected()
    {
        var users = TestData.RandomFactors(10, 3, 1);
        var items = TestData.RandomFactors(5, 3, 2);

        Assert.Throws<ArgumentOutOfRangeException>(() => TopNRecommender.Recommend(users, items, null, 8, 3, new TopNLists(3, 2), 0, threads: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => TopNRecommender.Recommend(users, items, null, 0, 3, new TopNLists(3, 2), 1, threads: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => TopNRecommender.RecommendAll(users, items, null, 2, threads: -1));
    }

    [Fact]
    public void Zero_width_lists_are_allowed()
    {
        var lists = TopNRecommender.RecommendAll(TestData.RandomFactors(3, 2, 1), TestData.RandomFactors(4, 2, 2), null, 0, threads: 1);

        Assert.Equal(3, lists.Rows);
        Assert.Empty(lists.ItemArray);
    }
}
