using SparkRecs.Core.Recommend;

namespace SparkRecs.Core.Tests.Recommend;

/// <summary>
/// What only the buffered selector promises beyond the shared contract
/// (<see cref="TopKSelectorContractTests"/>): chunked catalogue scans give the heap's answer.
/// </summary>
public class BufferedTopKSelectorTests
{
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
}
