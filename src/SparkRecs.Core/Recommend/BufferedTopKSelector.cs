using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SparkRecs.Core.Recommend;

/// <summary>
/// Bounded selection of the <see cref="Capacity"/> best (item, score) pairs from a long stream, by
/// batches: offers that beat the worst pair kept so far are appended to a buffer of
/// <c>2 * Capacity</c>, and when the buffer is full a quickselect keeps the best
/// <see cref="Capacity"/> and raises the bar. The factor top-N kernel feeds it whole score tiles.
/// </summary>
/// <remarks>
/// <para>
/// Why not the binary heap of <see cref="TopKSelector"/>: scanning a catalogue in item order, about
/// <c>k ln(m / k)</c> of <c>m</c> offers beat the current k-th best (700 per user for k = 100 and
/// 100,000 items), and each heap insertion costs a sift of <c>log2 k</c> levels whose branches the
/// processor cannot predict, about 150 cycles. An append costs a few cycles, and a quickselect over
/// <c>2k</c> pairs, run once per <c>k</c> appends, expected <c>O(k)</c>: a few cycles per offer. The
/// bar is stale between two selections, so a few more offers pass it than with a heap; that costs
/// less than it saves.
/// </para>
/// <para>
/// Each pair is held as one 64-bit key whose unsigned order is the selection order: the high 32
/// bits are the score's bits mapped so that a higher score gives a smaller number (the usual
/// sign-flip that makes float bits sort as integers, then inverted), the low 32 bits the item id.
/// "Better" is then a single integer comparison: higher score first, and the lower item id on
/// equal scores, exactly <see cref="TopKSelector"/>'s order, so the result does not depend on the
/// offer order and equals <see cref="TopKSelector"/>'s. Negative zero is folded into positive zero
/// first, so the two zeros tie as they do under float comparison. NaN scores are never selected.
/// </para>
/// <para>Not thread-safe: one selector per user of a worker's block.</para>
/// </remarks>
internal sealed class BufferedTopKSelector
{
    private readonly ulong[] _keys;
    private int _count;
    private ulong _bar = ulong.MaxValue;
    private float _barScore = float.NegativeInfinity;

    /// <summary>Creates an empty selector that keeps at most <paramref name="capacity"/> pairs.</summary>
    public BufferedTopKSelector(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        Capacity = capacity;
        _keys = new ulong[2 * capacity];
    }

    /// <summary>Maximum number of pairs kept.</summary>
    public int Capacity { get; }

    /// <summary>
    /// A score below which an offer cannot enter: negative infinity until <see cref="Capacity"/>
    /// pairs have been selected once, then the worst pair kept at the last selection. An offer equal
    /// to it may still enter (lower item id), so filter with <c>score &gt;= Threshold</c>, which also
    /// rejects NaN.
    /// </summary>
    public float Threshold => Capacity == 0 ? float.PositiveInfinity : _barScore;

    /// <summary>Forgets every pair.</summary>
    public void Reset()
    {
        _count = 0;
        _bar = ulong.MaxValue;
        _barScore = float.NegativeInfinity;
    }

    /// <summary>Offers one pair; it is kept if it is among the best <see cref="Capacity"/> offered since the last reset.</summary>
    public void Offer(int item, float score)
    {
        if (float.IsNaN(score) || Capacity == 0)
        {
            return;
        }
        ulong key = Key(item, score);
        if (key >= _bar)
        {
            return;
        }
        _keys[_count++] = key;
        if (_count == _keys.Length)
        {
            Shrink();
        }
    }

    /// <summary>
    /// Offers <c>scores[c]</c> for item <c>firstItem + c</c>, for every <c>c</c>. A SIMD comparison
    /// with <see cref="Threshold"/> first: only the lanes that pass are looked at one by one.
    /// </summary>
    public void OfferAll(ReadOnlySpan<float> scores, int firstItem)
    {
        if (Capacity == 0)
        {
            return;
        }
        ref float start = ref MemoryMarshal.GetReference(scores);
        int c = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; c + Vector512<float>.Count <= scores.Length; c += Vector512<float>.Count)
            {
                var passed = Vector512.GreaterThanOrEqual(Vector512.LoadUnsafe(ref start, (nuint)c), Vector512.Create(_barScore));
                OfferLanes((uint)Vector512.ExtractMostSignificantBits(passed), ref start, c, firstItem);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; c + Vector256<float>.Count <= scores.Length; c += Vector256<float>.Count)
            {
                var passed = Vector256.GreaterThanOrEqual(Vector256.LoadUnsafe(ref start, (nuint)c), Vector256.Create(_barScore));
                OfferLanes(Vector256.ExtractMostSignificantBits(passed), ref start, c, firstItem);
            }
        }
        for (; c < scores.Length; c++)
        {
            float score = Unsafe.Add(ref start, c);
            if (score >= _barScore)
            {
                Offer(firstItem + c, score);
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
        int kept = Math.Min(_count, Capacity);
        if (items.Length < kept || scores.Length != items.Length)
        {
            throw new ArgumentException($"Destination of {items.Length} items and {scores.Length} scores cannot hold {kept} selected pairs.");
        }
        if (_count > Capacity)
        {
            SelectBest(_keys.AsSpan(0, _count), Capacity);
        }
        var best = _keys.AsSpan(0, kept);
        best.Sort();
        for (int i = 0; i < kept; i++)
        {
            items[i] = (int)(uint)best[i];
            scores[i] = ScoreOf(best[i]);
        }
        items[kept..].Fill(-1);
        scores[kept..].Clear();
        Reset();
        return kept;
    }

    /// <summary>The pair's 64-bit key: smaller means better (higher score, then lower item).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Key(int item, float score)
    {
        uint bits = BitConverter.SingleToUInt32Bits(score + 0f);
        uint ascending = (bits & 0x8000_0000u) != 0 ? ~bits : bits | 0x8000_0000u;
        return ((ulong)~ascending << 32) | (uint)item;
    }

    /// <summary>The score a key was made from (negative zero comes back as positive zero).</summary>
    private static float ScoreOf(ulong key)
    {
        uint ascending = ~(uint)(key >> 32);
        uint bits = (ascending & 0x8000_0000u) != 0 ? ascending & 0x7FFF_FFFFu : ~ascending;
        return BitConverter.UInt32BitsToSingle(bits);
    }

    /// <summary>
    /// Quickselect: afterwards the <paramref name="k"/> smallest keys of <paramref name="keys"/>
    /// occupy its first <paramref name="k"/> slots, in no particular order. Median-of-three pivot
    /// and a branch-free Lomuto partition: every key is swapped unconditionally and the boundary
    /// advances by the comparison's 0 or 1, so the processor never mispredicts on the random
    /// outcome of a comparison (with a branching partition that, not the work, dominated).
    /// </summary>
    private static void SelectBest(Span<ulong> keys, int k)
    {
        ref ulong key = ref MemoryMarshal.GetReference(keys);
        int left = 0, right = keys.Length - 1;
        while (right > left)
        {
            int middle = left + ((right - left) >> 1);
            ulong a = keys[left], b = keys[middle], c = keys[right];
            int pivotAt = a < b ? (b < c ? middle : a < c ? right : left) : (a < c ? left : b < c ? right : middle);
            (keys[pivotAt], keys[right]) = (keys[right], keys[pivotAt]);
            ulong pivot = keys[right];
            int store = left;
            for (int i = left; i < right; i++)
            {
                ulong candidate = Unsafe.Add(ref key, i);
                Unsafe.Add(ref key, i) = Unsafe.Add(ref key, store);
                Unsafe.Add(ref key, store) = candidate;
                store += candidate < pivot ? 1 : 0;
            }
            (keys[store], keys[right]) = (keys[right], keys[store]);
            // Now keys[left..store) < pivot = keys[store] <= keys(store..right].
            if (store >= k)
            {
                right = store - 1;
            }
            else
            {
                left = store + 1;
            }
        }
    }

    /// <summary>Keeps the best <see cref="Capacity"/> keys of a full buffer and raises the bar to the worst of them.</summary>
    private void Shrink()
    {
        var keys = _keys.AsSpan(0, _count);
        SelectBest(keys, Capacity);
        ulong worst = 0;
        foreach (ulong key in keys[..Capacity])
        {
            worst = Math.Max(worst, key);
        }
        _count = Capacity;
        _bar = worst;
        _barScore = ScoreOf(worst);
    }

    /// <summary>Offers the lanes of a SIMD chunk whose bit is set in <paramref name="mask"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void OfferLanes(uint mask, ref float start, int chunk, int firstItem)
    {
        while (mask != 0)
        {
            int lane = BitOperations.TrailingZeroCount(mask);
            mask &= mask - 1;
            Offer(firstItem + chunk + lane, Unsafe.Add(ref start, chunk + lane));
        }
    }
}
