using SparkRecs.Core.Recommend;

namespace SparkRecs.Core.Tests.Recommend;

public class TopKSelectorTests
{
    [Theory]
    [InlineData(1, 50)]
    [InlineData(7, 100)]
    [InlineData(20, 20)]
    [InlineData(30, 10)]
    public void Selection_equals_a_full_sort_by_score_then_lower_id(int capacity, int offers)
    {
        var random = new Random(capacity * 1000 + offers);
        // Few distinct scores, so many ties.
        var scores = Enumerable.Range(0, offers).Select(_ => (float)random.Next(0, 8)).ToArray();
        var expected = Enumerable.Range(0, offers)
            .OrderByDescending(i => scores[i]).ThenBy(i => i)
            .Take(capacity).ToArray();

        var selector = new TopKSelector(capacity);
        foreach (int i in Enumerable.Range(0, offers).OrderBy(_ => random.Next()))
        {
            selector.Offer(i, scores[i]);
        }
        var items = new int[capacity];
        var selected = new float[capacity];
        int length = selector.DrainTo(items, selected);

        Assert.Equal(Math.Min(capacity, offers), length);
        Assert.Equal(expected, items.Take(length));
        Assert.Equal(expected.Select(i => scores[i]), selected.Take(length));
        Assert.All(items.Skip(length), id => Assert.Equal(-1, id));
        Assert.All(selected.Skip(length), s => Assert.Equal(0f, s));
    }

    [Fact]
    public void Offer_order_does_not_change_the_result()
    {
        var scores = new float[] { 3, 1, 3, 2, 3, 1, 2 };
        var forward = Select(scores, Enumerable.Range(0, scores.Length), 4);
        var backward = Select(scores, Enumerable.Range(0, scores.Length).Reverse(), 4);

        Assert.Equal(new[] { 0, 2, 4, 3 }, forward);
        Assert.Equal(forward, backward);
    }

    [Fact]
    public void Nan_scores_are_never_selected()
    {
        var selector = new TopKSelector(3);
        selector.Offer(0, float.NaN);
        selector.Offer(1, 1f);
        selector.OfferAll([float.NaN, float.NaN, 2f, float.NaN], 10);
        var items = new int[3];
        var scores = new float[3];

        Assert.Equal(2, selector.DrainTo(items, scores));
        Assert.Equal(new[] { 12, 1, -1 }, items);
    }

    [Fact]
    public void Zero_capacity_keeps_nothing()
    {
        var selector = new TopKSelector(0);
        selector.Offer(3, float.PositiveInfinity);
        selector.OfferAll([1f, 2f], 0);

        Assert.Equal(0, selector.Count);
        Assert.Equal(0, selector.DrainTo([], []));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(8)]
    [InlineData(33)]
    [InlineData(257)]
    public void Offer_all_equals_offering_each_score(int length)
    {
        var random = new Random(length);
        var scores = Enumerable.Range(0, length).Select(_ => (float)Math.Round(random.NextDouble() * 20)).ToArray();
        var one = new TopKSelector(6);
        for (int i = 0; i < length; i++)
        {
            one.Offer(100 + i, scores[i]);
        }
        var all = new TopKSelector(6);
        all.OfferAll(scores, 100);

        var (oneItems, oneScores) = (new int[6], new float[6]);
        var (allItems, allScores) = (new int[6], new float[6]);
        one.DrainTo(oneItems, oneScores);
        all.DrainTo(allItems, allScores);
        Assert.Equal(oneItems, allItems);
        Assert.Equal(oneScores, allScores);
    }

    [Fact]
    public void Drain_empties_the_selector_for_reuse()
    {
        var selector = new TopKSelector(2);
        selector.Offer(1, 5f);
        selector.DrainTo(new int[2], new float[2]);
        selector.Offer(2, 1f);
        var items = new int[2];

        Assert.Equal(1, selector.DrainTo(items, new float[2]));
        Assert.Equal(new[] { 2, -1 }, items);
    }

    private static int[] Select(float[] scores, IEnumerable<int> order, int capacity)
    {
        var selector = new TopKSelector(capacity);
        foreach (int i in order)
        {
            selector.Offer(i, scores[i]);
        }
        var items = new int[capacity];
        selector.DrainTo(items, new float[capacity]);
        return items;
    }
}
