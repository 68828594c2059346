using SparkRecs.Core.Factorization;
using SparkRecs.Core.Recommend;

namespace SparkRecs.Core.Tests.Recommend;

public class SimilarItemsTests
{
    [Theory]
    [MemberData(nameof(TopNRecommenderTests.Ranks), MemberType = typeof(TopNRecommenderTests))]
    public void Similar_items_equal_a_brute_force_cosine_reference(int rank)
    {
        var items = TestData.RandomFactors(150, rank, seed: 40 + rank);
        items.Row(3).Clear();
        items.Row(77).Clear();

        var actual = SimilarItems.Compute(items, 9, threads: 2);

        TestData.AssertSameLists(ReferenceTopN.SimilarItems(items, 9), actual, 1e-5);
    }

    [Fact]
    public void An_item_is_never_its_own_neighbour()
    {
        var items = TestData.RandomFactors(70, 8, seed: 5);

        var lists = SimilarItems.Compute(items, 69, threads: 2);

        for (int i = 0; i < 70; i++)
        {
            Assert.DoesNotContain(i, lists.Items(i).ToArray());
            Assert.Equal(69, lists.Length(i));
        }
    }

    [Fact]
    public void Zero_vectors_get_empty_lists_and_never_appear_elsewhere()
    {
        var items = new FactorMatrix(4, 2, [1f, 0f, 0f, 0f, 2f, 1f, 0f, 0f]);

        var lists = SimilarItems.Compute(items, 3, threads: 1);

        Assert.Equal(new[] { -1, -1, -1 }, lists.Items(1).ToArray());
        Assert.Equal(new[] { 0f, 0f, 0f }, lists.Scores(1).ToArray());
        Assert.Equal(new[] { 2, -1, -1 }, lists.Items(0).ToArray());
        Assert.Equal(2 / MathF.Sqrt(5), lists.Scores(0)[0], 1e-6);
        Assert.All(lists.ScoreArray, s => Assert.False(float.IsNaN(s)));
    }

    [Fact]
    public void Cosine_ignores_vector_length_and_ranks_opposite_directions_last()
    {
        // Item 2 points like item 0 but is longer; item 3 is opposite; item 1 is orthogonal.
        var items = new FactorMatrix(4, 2, [1f, 0f, 0f, 1f, 5f, 0f, -1f, 0f]);

        var lists = SimilarItems.Compute(items, 3, threads: 1);

        Assert.Equal(new[] { 2, 1, 3 }, lists.Items(0).ToArray());
        Assert.Equal(new[] { 1f, 0f, -1f }, lists.Scores(0).ToArray());
    }
}
