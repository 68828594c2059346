using SparkRecs.Core.Recommend;

namespace SparkRecs.Core.Tests.Recommend;

/// <summary>
/// The contract both top-k selectors keep: the heap (<see cref="TopKSelector"/>, used where few
/// scores are offered) and the buffered quickselect (<see cref="BufferedTopKSelector"/>, used on
/// whole-catalogue scans). Every test runs against both, so the two cannot drift apart.
/// </summary>
public class TopKSelectorContractTests
{
    /// <summary>What the tests need of a selector; each implementation is adapted to it.</summary>
    public interface ISelector
    {
        float Threshold { get; }

        void Offer(int item, float score);

        void OfferAll(ReadOnlySpan<float> scores, int firstItem);

        int DrainTo(Span<int> items, Span<float> scores);
    }

    /// <summary>The selectors under test, by name (the name shows in the test explorer).</summary>
    public static TheoryData<string> Kinds() => new() { "heap", "buffered" };

    [Theory]
    [MemberData(nameof(SelectionCases))]
    public void Selection_equals_a_full_sort_by_score_then_lower_id(string kind, int capacity, int offers)
    {
        var random = new Random((capacity * 1000) + offers);
        // Few distinct scores, so many ties, and enough offers to refill a buffer many times.
        var scores = Enumerable.Range(0, offers).Select(_ => (float)random.Next(0, 8)).ToArray();
        var expected = Enumerable.Range(0, offers)
            .OrderByDescending(i => scores[i]).ThenBy(i => i)
            .Take(capacity).ToArray();

        var selector = Create(kind, capacity);
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
    [MemberData(nameof(Kinds))]
    public void Offer_order_does_not_change_the_result(string kind)
    {
        var scores = new float[] { 3, 1, 3, 2, 3, 1, 2 };
        var forward = Select(kind, scores, Enumerable.Range(0, scores.Length), 4);
        var backward = Select(kind, scores, Enumerable.Range(0, scores.Length).Reverse(), 4);

        Assert.Equal(new[] { 0, 2, 4, 3 }, forward);
        Assert.Equal(forward, backward);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Nan_scores_are_never_selected(string kind)
    {
        var selector = Create(kind, 3);
        selector.Offer(0, float.NaN);
        selector.Offer(1, 1f);
        selector.OfferAll([float.NaN, float.NaN, 2f, float.NaN], 10);
        var items = new int[3];
        var scores = new float[3];

        Assert.Equal(2, selector.DrainTo(items, scores));
        Assert.Equal(new[] { 12, 1, -1 }, items);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Zero_capacity_keeps_nothing_and_accepts_no_score(string kind)
    {
        var selector = Create(kind, 0);
        selector.Offer(3, float.PositiveInfinity);
        selector.OfferAll([1f, 2f], 0);

        Assert.Equal(float.PositiveInfinity, selector.Threshold);
        Assert.Equal(0, selector.DrainTo([], []));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Scores_of_every_sign_and_magnitude_round_trip_and_keep_their_order(string kind)
    {
        float[] scores = [float.NegativeInfinity, -float.MaxValue, -1f, -float.Epsilon, 0f, float.Epsilon, 1f, float.MaxValue, float.PositiveInfinity];
        var selector = Create(kind, scores.Length);
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

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Negative_zero_ties_with_zero_and_the_lower_item_wins(string kind)
    {
        var selector = Create(kind, 1);
        selector.Offer(5, 0f);
        selector.Offer(2, -0f);
        var items = new int[1];
        var scores = new float[1];
        selector.DrainTo(items, scores);

        Assert.Equal(2, items[0]);
        Assert.Equal(0f, scores[0]);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Threshold_never_exceeds_the_worst_selected_score(string kind)
    {
        var random = new Random(4);
        var selector = Create(kind, 5);
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
    [MemberData(nameof(OfferAllCases))]
    public void Offer_all_equals_offering_each_score(string kind, int length)
    {
        var random = new Random(length);
        var scores = Enumerable.Range(0, length).Select(_ => (float)Math.Round(random.NextDouble() * 20)).ToArray();
        var one = Create(kind, 6);
        for (int i = 0; i < length; i++)
        {
            one.Offer(100 + i, scores[i]);
        }
        var all = Create(kind, 6);
        all.OfferAll(scores, 100);

        var (oneItems, oneScores) = (new int[6], new float[6]);
        var (allItems, allScores) = (new int[6], new float[6]);
        one.DrainTo(oneItems, oneScores);
        all.DrainTo(allItems, allScores);
        Assert.Equal(oneItems, allItems);
        Assert.Equal(oneScores, allScores);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Drain_empties_the_selector_for_reuse(string kind)
    {
        var selector = Create(kind, 2);
        for (int i = 0; i < 10; i++)
        {
            selector.Offer(i, 5f + i);
        }
        selector.DrainTo(new int[2], new float[2]);
        selector.Offer(20, 1f);
        var items = new int[2];

        Assert.Equal(1, selector.DrainTo(items, new float[2]));
        Assert.Equal(new[] { 20, -1 }, items);
        Assert.Equal(float.NegativeInfinity, selector.Threshold);
    }

    /// <summary>Capacity and offer counts: fewer offers than capacity, equal, and many refills.</summary>
    public static TheoryData<string, int, int> SelectionCases()
    {
        var cases = new TheoryData<string, int, int>();
        foreach (string kind in new[] { "heap", "buffered" })
        {
            foreach ((int capacity, int offers) in new[] { (1, 50), (7, 100), (20, 20), (30, 10), (10, 5000) })
            {
                cases.Add(kind, capacity, offers);
            }
        }
        return cases;
    }

    /// <summary>Every length 0..40 (each SIMD remainder at 8 and 16 lanes) and a long one, per selector.</summary>
    public static TheoryData<string, int> OfferAllCases()
    {
        var cases = new TheoryData<string, int>();
        foreach (string kind in new[] { "heap", "buffered" })
        {
            for (int length = 0; length <= 40; length++)
            {
                cases.Add(kind, length);
            }
            cases.Add(kind, 1000);
        }
        return cases;
    }

    private static ISelector Create(string kind, int capacity) => kind switch
    {
        "heap" => new HeapSelector(new TopKSelector(capacity)),
        "buffered" => new BufferedSelector(new BufferedTopKSelector(capacity)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown selector kind."),
    };

    private static int[] Select(string kind, float[] scores, IEnumerable<int> order, int capacity)
    {
        var selector = Create(kind, capacity);
        foreach (int i in order)
        {
            selector.Offer(i, scores[i]);
        }
        var items = new int[capacity];
        selector.DrainTo(items, new float[capacity]);
        return items;
    }

    private sealed class HeapSelector(TopKSelector inner) : ISelector
    {
        public float Threshold => inner.Threshold;

        public void Offer(int item, float score) => inner.Offer(item, score);

        public void OfferAll(ReadOnlySpan<float> scores, int firstItem) => inner.OfferAll(scores, firstItem);

        public int DrainTo(Span<int> items, Span<float> scores) => inner.DrainTo(items, scores);
    }

    private sealed class BufferedSelector(BufferedTopKSelector inner) : ISelector
    {
        public float Threshold => inner.Threshold;

        public void Offer(int item, float score) => inner.Offer(item, score);

        public void OfferAll(ReadOnlySpan<float> scores, int firstItem) => inner.OfferAll(scores, firstItem);

        public int DrainTo(Span<int> items, Span<float> scores) => inner.DrainTo(items, scores);
    }
}
