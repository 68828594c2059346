using SparkRecs.Core.Recommend;

namespace SparkRecs.Core.Evaluation;

/// <summary>
/// Ranks the full candidate set of one user and locates each relevant item in it, with per-thread
/// scratch so the hot loop allocates nothing.
/// </summary>
/// <remarks>
/// Order: higher score first, ties by lower item id (the top-N rule); a NaN score ranks last.
/// Candidates are the catalogue items seen in training minus the user's own training items.
/// Relevant candidates are sorted once (|R_u| log |R_u|); every other candidate is then placed among
/// them by binary search, and a histogram of those places gives, in one pass over the catalogue,
/// both the rank of each relevant item (1 + relevant above + non-relevant above) and the number of
/// non-relevant candidates below it (the AUC numerator). The top max(K) list is kept in a bounded
/// heap in the same pass. Cost O(n log |R_u|) per user for n catalogue items.
/// </remarks>
internal sealed class UserRanker
{
    /// <summary>Rank given to a relevant item that is not a candidate (never recommendable).</summary>
    internal const int Unranked = int.MaxValue;

    private readonly float[] _scores;
    private readonly int[] _excluded;
    private readonly int[] _relevantMark;
    private readonly RankedItem[] _heap;
    private RankedItem[] _relevant = new RankedItem[16];
    private int[] _histogram = new int[17];
    private int _stamp;
    private int _heapCount;

    internal UserRanker(int itemCount, int maxK)
    {
        _scores = new float[itemCount];
        _excluded = new int[itemCount];
        _relevantMark = new int[itemCount];
        _heap = new RankedItem[maxK];
    }

    /// <summary>
    /// Scores and ranks one user. Writes the rank (1-based) and the non-relevant-below count of each
    /// relevant item into <paramref name="ranks"/> and <paramref name="below"/> (aligned with
    /// <paramref name="relevantItems"/>; <see cref="Unranked"/> and 0 for non-candidates) and the
    /// top list into <paramref name="top"/> (padded with -1).
    /// </summary>
    /// <returns>The number of non-relevant candidates.</returns>
    internal int Rank(
        IScoringModel model, int user, ReadOnlySpan<int> trainItems, ReadOnlySpan<int> relevantItems,
        ReadOnlySpan<bool> isCandidate, Span<int> ranks, Span<int> below, Span<int> top)
    {
        var scores = _scores.AsSpan();
        model.ScoreUser(user, scores);
        for (int j = 0; j < scores.Length; j++)
        {
            if (float.IsNaN(scores[j]))
            {
                scores[j] = float.NegativeInfinity;
            }
        }
        int stamp = ++_stamp;
        foreach (int item in trainItems)
        {
            _excluded[item] = stamp;
        }

        int relevantCount = 0;
        if (_relevant.Length < relevantItems.Length)
        {
            _relevant = new RankedItem[Math.Max(relevantItems.Length, _relevant.Length * 2)];
            _histogram = new int[_relevant.Length + 1];
        }
        for (int r = 0; r < relevantItems.Length; r++)
        {
            int item = relevantItems[r];
            ranks[r] = Unranked;
            below[r] = 0;
            if (isCandidate[item] && _excluded[item] != stamp)
            {
                _relevantMark[item] = stamp;
                _relevant[relevantCount++] = new RankedItem(scores[item], item, r);
            }
        }
        var relevant = _relevant.AsSpan(0, relevantCount);
        relevant.Sort();
        var histogram = _histogram.AsSpan(0, relevantCount + 1);
        histogram.Clear();

        _heapCount = 0;
        int nonRelevant = 0;
        for (int j = 0; j < scores.Length; j++)
        {
            if (!isCandidate[j] || _excluded[j] == stamp)
            {
                continue;
            }
            float s = scores[j];
            Offer(s, j);
            if (_relevantMark[j] == stamp)
            {
                continue;
            }
            nonRelevant++;
            histogram[RelevantAbove(relevant, s, j)]++;
        }

        int nonRelevantAbove = 0;
        for (int p = 0; p < relevantCount; p++)
        {
            nonRelevantAbove += histogram[p];
            int slot = relevant[p].Index;
            ranks[slot] = 1 + p + nonRelevantAbove;
            below[slot] = nonRelevant - nonRelevantAbove;
        }
        WriteTop(top);
        return nonRelevant;
    }

    /// <summary>Number of sorted relevant items that beat (score, item): the first position that does not.</summary>
    private static int RelevantAbove(ReadOnlySpan<RankedItem> relevant, float score, int item)
    {
        int hi = relevant.Length;
        // Fast path: most candidates rank below every relevant item.
        if (hi == 0 || relevant[hi - 1].Beats(score, item))
        {
            return hi;
        }
        int lo = 0;
        hi--;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (relevant[mid].Beats(score, item))
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }

    /// <summary>Keeps the best max(K) candidates in a min-heap whose root is the worst kept.</summary>
    private void Offer(float score, int item)
    {
        var heap = _heap;
        if (heap.Length == 0 || (_heapCount == heap.Length && score < heap[0].Score))
        {
            return;
        }
        var entry = new RankedItem(score, item, 0);
        if (_heapCount < heap.Length)
        {
            int child = _heapCount++;
            while (child > 0)
            {
                int parent = (child - 1) >> 1;
                if (!heap[parent].Beats(score, item))
                {
                    break;
                }
                heap[child] = heap[parent];
                child = parent;
            }
            heap[child] = entry;
            return;
        }
        if (!entry.Beats(heap[0].Score, heap[0].Item))
        {
            return;
        }
        int at = 0;
        while (true)
        {
            int left = 2 * at + 1;
            if (left >= _heapCount)
            {
                break;
            }
            int worst = left;
            int right = left + 1;
            if (right < _heapCount && heap[worst].Beats(heap[right].Score, heap[right].Item))
            {
                worst = right;
            }
            if (!entry.Beats(heap[worst].Score, heap[worst].Item))
            {
                break;
            }
            heap[at] = heap[worst];
            at = worst;
        }
        heap[at] = entry;
    }

    private void WriteTop(Span<int> top)
    {
        var kept = _heap.AsSpan(0, _heapCount);
        kept.Sort();
        top.Fill(-1);
        for (int k = 0; k < kept.Length && k < top.Length; k++)
        {
            top[k] = kept[k].Item;
        }
    }
}
