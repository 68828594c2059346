using SparkRecs.Core.Recommend;

namespace SparkRecs.Core.Tests.Recommend;

public class BufferedTopKSelectorTests
{
    [Theory]
    [InlineData(1, 50)]
    [InlineData(7, 100)]
    [InlineData(20, 20)]
    [InlineData(30, 10)]
    [InlineData(10, 5000)]
    public void Selection_equals_a_full_sort_by_score_then_lower_id(int capacity, int offers)
    {
        var random = new Random((capacity * 1000) + offers);
        // Few distinct scores, so many ties, and enough offers to fill the buffer many times.
        var scores = Enumerable.Range(0, offers).Select(_ => (float)random.Next(0, 8)).ToArray();
        var expected = Enumerable.Range(0, offers)
            .OrderByDescending(i => scores[i]).ThenBy(i => i)
            .Take(capacity).ToArray();

        var selector = new BufferedTopKSelector(capacity);
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

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(100)]
    public void Result_equals_the_heap_selector_on_a_long_catalogue_scan(int capacity)
    {
        var random = new Random(capacity);
        var scores = Enumerable.Range(0, 20_000).Select(_ => (random.NextSingle() * 2f) - 1f).ToArray();
        var heap = new TopKSelector(capacity);
        var buffered = new BufferedTopKSelector(capacity);
        for (int first = 0; first < scores.Length; first += 512)
        {
            var chunk = scores.AsSpan(first, Math.Min(512, scores.Length - first));
            heap.OfferAll(chunk, first);
            buffered.OfferAll(chunk, first);
        }

        var (heapItems, heapScores) = (new int[capacity], new float[capacity]);
        var (items, selected) = (new int[capacity], new float[capacity]);
        heap.DrainTo(heapItems, heapScores);
        buffered.DrainTo(items, selected);
        Assert.Equal(heapItems, items);
        Assert.Equal(heapScores, selected);
    }

    [Fact]
    public void Scores_of_every_sign_and_magnitude_round_trip_and_keep_their_order()
    {
        float[] scores = [float.NegativeInfinity, -float.MaxValue, -1f, -float.Epsilon, 0f, float.Epsilon, 1f, float.MaxValue, float.PositiveInfinity];
        var selector = new BufferedTopKSelector(scores.Length);
        for (int i = 0; i < scores.Length; i++)
        {
            selector.Offer(i, scores[i]);
        }
        var items = new int[scores.Length];
        var selected = new float[scores.Length];
        selector.DrainTo(items, selected);

        Assert.Equal(Enumerable.Range(0, scores.Length).Reverse(), items);
        Assert.Equal(scores.Reverse(), selected);
    }

    [Fact]
    public void Negative_zero_ties_with_zero_and_the_lower_item_wins()
    {
        var selector = new BufferedTopKSelector(1);
        selector.Offer(5, 0f);
        selector.Offer(2, -0f);
        var items = new int[1];
        var scores = new float[1];
        selector.DrainTo(items, scores);

        Assert.Equal(2, items[0]);
        Assert.Equal(0f, scores[0]);
    }

    [Fact]
    public void Nan_scores_are_never_selected()
    {
        var selector = new BufferedTopKSelector(3);
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
        var selector = new BufferedTopKSelector(0);
        selector.Offer(3, float.PositiveInfinity);
        selector.OfferAll([1f, 2f], 0);

        Assert.Equal(float.PositiveInfinity, selector.Threshold);
        Assert.Equal(0, selector.DrainTo([], []));
    }

    [Fact]
    public void Threshold_never_exceeds_the_worst_selected_score()
    {
        var random = new Random(4);
        var selector = new BufferedTopKSelector(5);
        Assert.Equal(float.NegativeInfinity, selector.Threshold);
        var offered = new List<float>();
        for (int i = 0; i < 1000; i++)
        {
            float score = random.NextSingle();
            offered.Add(score);
            selector.Offer(i, score);
            float fifthBest = offered.Count < 5 ? float.NegativeInfinity : offered.OrderDescending().ElementAt(4);
            Assert.True(selector.Threshold <= fifthBest, $"after {i + 1} offers the threshold {selector.Threshold} is above the 5th best score {fifthBest}");
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Offer_all_equals_offering_each_score(int length)
    {
        var random = new Random(length);
        var scores = Enumerable.Range(0, length).Select(_ => (float)Math.Round(random.NextDouble() * 20)).ToArray();
        var one = new BufferedTopKSelector(6);
        for (int i = 0; i < length; i++)
        {
            one.Offer(100 + i, scores[i]);
        }
        var all = new BufferedTopKSelector(6);
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
        var selector = new BufferedTopKSelector(2);
        for (int i = 0; i < 10; i++)
        {
            selector.Offer(i, 5f + i);
        }
        selector.DrainTo(new int[2], new float[2]);
        selector.Offer(20, 1f);
        var items = new int[2];

        Assert.Equal(float.NegativeInfinity, selector.Threshold);
        Assert.Equal(1, selector.DrainTo(items, new float[2]));
        Assert.Equal(new[] { 20, -1 }, items);
    }

    /// <summary>Every length 0..40 (each SIMD remainder at 8 and 16 lanes) and a long one.</summary>
    public static TheoryData<int> Lengths()
    {
        var lengths = new TheoryData<int>();
        for (int length = 0; length <= 40; length++)
        {
            lengths.Add(length);
        }
        lengths.Add(1000);
        return lengths;
    }
}
