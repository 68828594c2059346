using System.Numerics;

namespace SparkRecs.Core.Data;

/// <summary>
/// A map from non-negative <c>long</c> keys to dense ids, for the keys of a <see cref="KeyIndex"/>
/// that are canonical decimal integers: no string, no character hashing.
/// </summary>
/// <remarks>
/// <para>
/// Two regions. Small numbers index a direct array (<c>_direct[n]</c> holds id + 1, 0 meaning
/// absent), which is what warehouse ids numbered 0, 1, 2, ... hit: one bounds check and one load.
/// Larger or sparse numbers go to an open-addressing table with linear probing, hashed by
/// Fibonacci hashing (multiply by 2^64 / phi, keep the top bits), which spreads consecutive
/// numbers over the table.
/// </para>
/// <para>
/// The direct array only grows to cover a number <c>n</c> when <c>n &lt; max(2^16, 4 (entries + 1))</c>,
/// so its size stays within a small multiple of the number of keys (at most 8 ints per key after
/// rounding to a power of two) however large the numbers are; a few huge ids cost hash slots, not
/// a huge array. Invariant: a number below the direct array's length is never in the hash table.
/// When the array grows, the hash entries it now covers move into it.
/// </para>
/// </remarks>
internal sealed class NumericKeyTable
{
    private const int MinDirect = 1 << 16;
    private const int MaxDirect = 1 << 28;
    private const int DensityFactor = 4;
    private const ulong Fibonacci = 0x9E3779B97F4A7C15UL;

    private int[] _direct = [];
    private long[] _hashKeys = new long[16];
    private int[] _hashIds = new int[16];
    private int _hashShift = 64 - 4;
    private int _hashCount;

    /// <summary>Number of numbers mapped.</summary>
    public int Count { get; private set; }

    /// <summary>The id of <paramref name="number"/>, or <paramref name="nextId"/> after adding it with that id.</summary>
    /// <param name="number">A non-negative number.</param>
    /// <param name="nextId">The id to give the number when it is new.</param>
    /// <param name="added">Whether the number was new.</param>
    public int GetOrAdd(long number, int nextId, out bool added)
    {
        if ((ulong)number < (ulong)_direct.Length)
        {
            ref int slot = ref _direct[(int)number];
            added = slot == 0;
            if (added)
            {
                slot = nextId + 1;
                Count++;
            }
            return slot - 1;
        }
        return GetOrAddSlow(number, nextId, out added);
    }

    /// <summary>Looks up <paramref name="number"/> without adding it.</summary>
    public bool TryGet(long number, out int id)
    {
        if ((ulong)number < (ulong)_direct.Length)
        {
            id = _direct[(int)number] - 1;
            return id >= 0;
        }
        int index = Find(number);
        id = _hashIds[index] - 1;
        return id >= 0;
    }

    private int GetOrAddSlow(long number, int nextId, out bool added)
    {
        if (number < Math.Max(MinDirect, DensityFactor * ((long)Count + 1)) && number < MaxDirect)
        {
            GrowDirect(number);
            return GetOrAdd(number, nextId, out added);
        }
        int index = Find(number);
        added = _hashIds[index] == 0;
        if (!added)
        {
            return _hashIds[index] - 1;
        }
        _hashKeys[index] = number;
        _hashIds[index] = nextId + 1;
        _hashCount++;
        Count++;
        if (_hashCount * 2 > _hashKeys.Length)
        {
            Rehash(_hashKeys.Length * 2);
        }
        return nextId;
    }

    /// <summary>The slot holding <paramref name="number"/>, or the empty slot where it would go.</summary>
    private int Find(long number)
    {
        int mask = _hashKeys.Length - 1;
        int index = (int)(((ulong)number * Fibonacci) >> _hashShift);
        while (_hashIds[index] != 0 && _hashKeys[index] != number)
        {
            index = (index + 1) & mask;
        }
        return index;
    }

    /// <summary>Grows the direct array to cover <paramref name="number"/> and moves the hash entries it now covers into it.</summary>
    private void GrowDirect(long number)
    {
        int length = (int)Math.Min(MaxDirect, BitOperations.RoundUpToPowerOf2((ulong)number + 1));
        Array.Resize(ref _direct, Math.Max(length, MinDirect));
        if (_hashCount > 0)
        {
            Rehash(_hashKeys.Length);
        }
    }

    /// <summary>Rebuilds the hash table with <paramref name="capacity"/> slots, moving the numbers the direct array covers into it.</summary>
    private void Rehash(int capacity)
    {
        long[] keys = _hashKeys;
        int[] ids = _hashIds;
        _hashKeys = new long[capacity];
        _hashIds = new int[capacity];
        _hashShift = 64 - BitOperations.Log2((uint)capacity);
        _hashCount = 0;
        for (int i = 0; i < keys.Length; i++)
        {
            if (ids[i] == 0)
            {
                continue;
            }
            if (keys[i] < _direct.Length)
            {
                _direct[keys[i]] = ids[i];
                continue;
            }
            int index = Find(keys[i]);
            _hashKeys[index] = keys[i];
            _hashIds[index] = ids[i];
            _hashCount++;
        }
    }
}
