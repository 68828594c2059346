using System.Numerics;
using System.Runtime.InteropServices;

namespace SparkRecs.Core.Recommend;

/// <summary>
/// Bounded selection of the <see cref="Capacity"/> best (item, score) pairs from a stream, in
/// O(m log k) for m offers and O(k) memory: a binary min-heap whose root is the worst pair kept,
/// so a new pair only enters when it beats the root. No full sort of the catalogue.
/// </summary>
/// <remarks>
/// <para>
/// Order is total and deterministic: a pair is better when its score is higher, or when scores are
/// equal and its item id is lower. The selected set and its order therefore do not depend on the
/// order of the offers, which is what makes parallel top-N reproducible.
/// </para>
/// <para>
/// NaN scores are never selected. Callers use this on purpose: the top-N kernels overwrite the
/// scores of excluded (already seen) items with NaN, and a NaN from broken factors is dropped
/// rather than poisoning the order.
/// </para>
/// <para>Not thread-safe: one selector per worker (or per user of a worker's block).</para>
/// </remarks>
internal sealed class TopKSelector
{
    private readonly int[] _items;
    private readonly float[] _scores;
    private int _count;

    /// <summary>Creates an empty selector that keeps at most <paramref name="capacity"/> pairs.</summary>
    public TopKSelector(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        Capacity = capacity;
        _items = new int[capacity];
        _scores = new float[capacity];
    }

    /// <summary>Maximum number of pairs kept.</summary>
    public int Capacity { get; }

    /// <summary>Number of pairs kept so far.</summary>
    public int Count => _count;

    /// <summary>
    /// A score below which an offer cannot enter: negative infinity while the selector is not full,
    /// then the worst kept score. An offer equal to the threshold may still enter (lower item id),
    /// so filter with <c>score &gt;= Threshold</c>, which also rejects NaN.
    /// </summary>
    public float Threshold => _count < Capacity ? float.NegativeInfinity : Capacity == 0 ? float.PositiveInfinity : _scores[0];

    /// <summary>Forgets every kept pair.</summary>
    public void Reset() => _count = 0;

    /// <summary>Offers one pair; keeps it if it is among the best <see cref="Capacity"/> seen so far.</summary>
    public void Offer(int item, float score)
    {
        if (float.IsNaN(score) || Capacity == 0)
        {
            return;
        }
        if (_count < Capacity)
        {
            SiftUp(_count++, item, score);
            return;
        }
        if (IsWorse(score, item, _scores[0], _items[0]))
        {
            return;
        }
        SiftDown(0, item, score);
    }

    /// <summary>
    /// Offers <c>scores[c]</c> for item <c>firstItem + c</c>, for every <c>c</c>. Vectorised
    /// threshold test first: once the selector is full, most chunks of a large catalogue hold no
    /// score above the worst kept one and are skipped without touching the heap.
    /// </summary>
    public void OfferAll(ReadOnlySpan<float> scores, int firstItem)
    {
        float threshold = Threshold;
        int c = 0;
        if (Vector.IsHardwareAccelerated && scores.Length >= Vector<float>.Count)
        {
            var chunks = MemoryMarshal.Cast<float, Vector<float>>(scores);
            for (int v = 0; v < chunks.Length; v++)
            {
                if (!Vector.GreaterThanOrEqualAny(chunks[v], new Vector<float>(threshold)))
                {
                    continue;
                }
                int start = v * Vector<float>.Count;
                for (int k = start; k < start + Vector<float>.Count; k++)
                {
                    float s = scores[k];
                    if (s >= threshold)
                    {
                        Offer(firstItem + k, s);
                        threshold = Threshold;
                    }
                }
            }
            c = chunks.Length * Vector<float>.Count;
        }
        for (; c < scores.Length; c++)
        {
            float s = scores[c];
            if (s >= threshold)
            {
                Offer(firstItem + c, s);
                threshold = Threshold;
            }
        }
    }

    /// <summary>
    /// Writes the kept pairs best first into <paramref name="items"/> and <paramref name="scores"/>,
    /// pads the rest with item -1 and score 0, and empties the selector.
    /// </summary>
    /// <returns>The number of real pairs written.</returns>
    public int DrainTo(Span<int> items, Span<float> scores)
    {
        if (items.Length < _count || scores.Length != items.Length)
        {
            throw new ArgumentException($"Destination of {items.Length} items and {scores.Length} scores cannot hold {_count} selected pairs.");
        }
        int n = _count;
        for (int position = n - 1; position >= 0; position--)
        {
            // The root is the worst remaining pair: it goes to the back.
            items[position] = _items[0];
            scores[position] = _scores[0];
            _count--;
            if (_count > 0)
            {
                SiftDown(0, _items[_count], _scores[_count]);
            }
        }
        items[n..].Fill(-1);
        scores[n..].Clear();
        return n;
    }

    /// <summary>True when (scoreA, itemA) ranks after (scoreB, itemB).</summary>
    private static bool IsWorse(float scoreA, int itemA, float scoreB, int itemB)
        => scoreA < scoreB || (scoreA == scoreB && itemA > itemB);

    private void SiftUp(int hole, int item, float score)
    {
        while (hole > 0)
        {
            int parent = (hole - 1) >> 1;
            if (!IsWorse(score, item, _scores[parent], _items[parent]))
            {
                break;
            }
            _items[hole] = _items[parent];
            _scores[hole] = _scores[parent];
            hole = parent;
        }
        _items[hole] = item;
        _scores[hole] = score;
    }

    private void SiftDown(int hole, int item, float score)
    {
        int count = _count;
        while (true)
        {
            int child = (2 * hole) + 1;
            if (child >= count)
            {
                break;
            }
            int right = child + 1;
            if (right < count && IsWorse(_scores[right], _items[right], _scores[child], _items[child]))
            {
                child = right;
            }
            if (!IsWorse(_scores[child], _items[child], score, item))
            {
                break;
            }
            _items[hole] = _items[child];
            _scores[hole] = _scores[child];
            hole = child;
        }
        _items[hole] = item;
        _scores[hole] = score;
    }
}
