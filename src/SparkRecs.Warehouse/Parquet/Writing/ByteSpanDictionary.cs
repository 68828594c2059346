namespace SparkRecs.Warehouse.Parquet.Writing;

/// <summary>
/// Assigns dense ids to distinct byte strings (the dictionary of a string column chunk) without creating a
/// .NET string per value: entries are copied once into a byte buffer and found through an open-addressing
/// table keyed by <see cref="HashCode.AddBytes"/>.
/// </summary>
internal sealed class ByteSpanDictionary
{
    private int[] _slots = new int[1024];
    private int[] _hashes = new int[256];
    private int[] _offsets = new int[257];
    private byte[] _bytes = new byte[4096];

    public ByteSpanDictionary()
    {
        Array.Fill(_slots, -1);
    }

    /// <summary>Number of distinct entries.</summary>
    public int Count { get; private set; }

    /// <summary>Total bytes of the distinct entries.</summary>
    public int ByteLength => _offsets[Count];

    /// <summary>The bytes of entry <paramref name="id"/>.</summary>
    public ReadOnlySpan<byte> this[int id] => _bytes.AsSpan(_offsets[id], _offsets[id + 1] - _offsets[id]);

    /// <summary>Returns the id of <paramref name="value"/>, adding it when new.</summary>
    public int GetOrAdd(ReadOnlySpan<byte> value)
    {
        var hasher = default(HashCode);
        hasher.AddBytes(value);
        int hash = hasher.ToHashCode();
        int mask = _slots.Length - 1;
        for (int probe = hash & mask; ; probe = (probe + 1) & mask)
        {
            int id = _slots[probe];
            if (id < 0)
            {
                return Add(value, hash, probe);
            }

            if (_hashes[id] == hash && this[id].SequenceEqual(value))
            {
                return id;
            }
        }
    }

    private int Add(ReadOnlySpan<byte> value, int hash, int slot)
    {
        int id = Count;
        if (id + 1 >= _hashes.Length)
        {
            Array.Resize(ref _hashes, _hashes.Length * 2);
            Array.Resize(ref _offsets, (_hashes.Length) + 1);
        }

        int start = _offsets[id];
        if (start + value.Length > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, start + value.Length));
        }

        value.CopyTo(_bytes.AsSpan(start));
        _offsets[id + 1] = start + value.Length;
        _hashes[id] = hash;
        _slots[slot] = id;
        Count++;
        if (Count * 2 > _slots.Length)
        {
            Rehash();
        }

        return id;
    }

    private void Rehash()
    {
        _slots = new int[_slots.Length * 2];
        Array.Fill(_slots, -1);
        int mask = _slots.Length - 1;
        for (int id = 0; id < Count; id++)
        {
            int probe = _hashes[id] & mask;
            while (_slots[probe] >= 0)
            {
                probe = (probe + 1) & mask;
            }

            _slots[probe] = id;
        }
    }
}
