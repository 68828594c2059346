using System.Runtime.InteropServices;

namespace SparkRecs.Core.Data;

/// <summary>
/// A two-way dictionary between the string keys a warehouse uses for users or items and dense
/// <c>int</c> ids <c>0..Count-1</c>, assigned in order of first appearance.
/// </summary>
/// <remarks>
/// Dense ids are what the sparse matrices and factor arrays are indexed by; keys are what goes in and
/// out of the system (users and items are whatever the warehouse calls them). Lookups by
/// <see cref="ReadOnlySpan{T}"/> of <see cref="char"/> do not allocate, so a reader can map a field
/// straight from its parse buffer; only a key seen for the first time is turned into a string.
/// Not thread-safe for writers.
/// </remarks>
public sealed class KeyIndex
{
    private readonly Dictionary<string, int> _ids;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _spanLookup;
    private readonly List<string> _keys;

    /// <summary>Creates an empty index with room for <paramref name="capacity"/> keys.</summary>
    public KeyIndex(int capacity = 0)
    {
        _ids = new Dictionary<string, int>(capacity, StringComparer.Ordinal);
        _spanLookup = _ids.GetAlternateLookup<ReadOnlySpan<char>>();
        _keys = new List<string>(capacity);
    }

    /// <summary>Number of distinct keys; ids run from 0 to <c>Count - 1</c>.</summary>
    public int Count => _keys.Count;

    /// <summary>The keys in id order: <c>Keys[id]</c> is the key of <c>id</c>.</summary>
    public IReadOnlyList<string> Keys => _keys;

    /// <summary>The id of <paramref name="key"/>, adding it with the next free id when new.</summary>
    public int GetOrAdd(ReadOnlySpan<char> key)
    {
        ref int slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_spanLookup, key, out bool exists);
        if (!exists)
        {
            slot = _keys.Count;
            _keys.Add(key.ToString());
        }
        return slot;
    }

    /// <summary>The id of <paramref name="key"/>, adding it with the next free id when new.</summary>
    public int GetOrAdd(string key)
    {
        ref int slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_ids, key, out bool exists);
        if (!exists)
        {
            slot = _keys.Count;
            _keys.Add(key);
        }
        return slot;
    }

    /// <summary>Looks up an existing key without adding it.</summary>
    public bool TryGetId(ReadOnlySpan<char> key, out int id) => _spanLookup.TryGetValue(key, out id);

    /// <summary>Looks up an existing key without adding it.</summary>
    public bool TryGetId(string key, out int id) => _ids.TryGetValue(key, out id);

    /// <summary>The key of a dense id.</summary>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="id"/> is not in <c>0..Count-1</c>.</exception>
    public string KeyOf(int id)
    {
        if ((uint)id >= (uint)_keys.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(id), id, $"Id {id} is not in this index of {_keys.Count} keys.");
        }
        return _keys[id];
    }
}
