using System.Globalization;
using System.Runtime.InteropServices;

namespace SparkRecs.Core.Data;

/// <summary>
/// A two-way dictionary between the string keys a warehouse uses for users or items and dense
/// <c>int</c> ids <c>0..Count-1</c>, assigned in order of first appearance.
/// </summary>
/// <remarks>
/// <para>
/// Dense ids are what the sparse matrices and factor arrays are indexed by; keys are what goes in and
/// out of the system (users and items are whatever the warehouse calls them). Lookups by
/// <see cref="ReadOnlySpan{T}"/> of <see cref="char"/> do not allocate, so a reader can map a field
/// straight from its parse buffer.
/// </para>
/// <para>
/// Keys that are canonical non-negative decimal integers (<c>"0"</c>, <c>"7"</c>, <c>"123456"</c>: digits
/// only, no sign, no leading zero, at most 18 digits) are the common case in exported logs and take a
/// numeric path: the digits are parsed and the number is looked up in a direct array or an integer hash
/// table, with no character hashing and no string allocated when the key is new. Their text is made on
/// demand by <see cref="KeyOf"/> (and <see cref="Keys"/>) and kept from then on. Every other key, including
/// <c>"007"</c> and <c>"-7"</c>, goes through an ordinal string dictionary, so which keys are equal is
/// exactly ordinal string equality either way, and both paths draw ids from the one sequence.
/// </para>
/// <para>
/// Not thread-safe for writers. Concurrent readers are safe: two threads materialising the same
/// numeric key's text store equal strings.
/// </para>
/// </remarks>
public sealed partial class KeyIndex
{
    private const long NotNumeric = -1;

    private readonly Dictionary<string, int> _ids;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _spanLookup;
    private readonly NumericKeyTable _numbers = new();
    private string?[] _keys;
    private long[] _numberOf;
    private int _count;
    private long _lastNumber = NotNumeric;
    private int _lastId;
    private KeyList? _keyList;

    /// <summary>Creates an empty index with room for <paramref name="capacity"/> keys.</summary>
    public KeyIndex(int capacity = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _ids = new Dictionary<string, int>(StringComparer.Ordinal);
        _spanLookup = _ids.GetAlternateLookup<ReadOnlySpan<char>>();
        _keys = new string?[Math.Max(capacity, 4)];
        _numberOf = new long[_keys.Length];
    }

    /// <summary>Number of distinct keys; ids run from 0 to <c>Count - 1</c>.</summary>
    public int Count => _count;

    /// <summary>
    /// The keys in id order: <c>Keys[id]</c> is the key of <c>id</c>. A live view: it grows as keys are
    /// added, and reading an entry makes that key's text when it was not made yet (see <see cref="KeyOf"/>).
    /// </summary>
    public IReadOnlyList<string> Keys => _keyList ??= new KeyList(this);

    /// <summary>The id of <paramref name="key"/>, adding it with the next free id when new.</summary>
    public int GetOrAdd(ReadOnlySpan<char> key)
    {
        if (CanonicalDecimal.TryParse(key, out long number))
        {
            return GetOrAddNumber(number, null);
        }
        ref int slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_spanLookup, key, out bool exists);
        if (!exists)
        {
            slot = Append(key.ToString(), NotNumeric);
        }
        return slot;
    }

    /// <summary>The id of <paramref name="key"/>, adding it with the next free id when new.</summary>
    public int GetOrAdd(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (CanonicalDecimal.TryParse(key, out long number))
        {
            return GetOrAddNumber(number, key);
        }
        ref int slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_ids, key, out bool exists);
        if (!exists)
        {
            slot = Append(key, NotNumeric);
        }
        return slot;
    }

    /// <summary>
    /// The id here of the key that has id <paramref name="id"/> in <paramref name="source"/>, adding it with
    /// the next free id when new. Same result as <c>GetOrAdd(source.KeyOf(id))</c>, without making the text
    /// of a numeric key: this is how per-file indexes are merged and tables re-keyed.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="id"/> is not in <c>0..source.Count-1</c>.</exception>
    public int GetOrAddKeyOf(KeyIndex source, int id)
    {
        ArgumentNullException.ThrowIfNull(source);
        source.CheckId(id);
        long number = source._numberOf[id];
        return number == NotNumeric ? GetOrAdd(source._keys[id]!) : GetOrAddNumber(number, source._keys[id]);
    }

    /// <summary>Looks up an existing key without adding it.</summary>
    public bool TryGetId(ReadOnlySpan<char> key, out int id)
        => CanonicalDecimal.TryParse(key, out long number) ? _numbers.TryGet(number, out id) : _spanLookup.TryGetValue(key, out id);

    /// <summary>Looks up an existing key without adding it.</summary>
    public bool TryGetId(string key, out int id)
    {
        ArgumentNullException.ThrowIfNull(key);
        return CanonicalDecimal.TryParse(key, out long number) ? _numbers.TryGet(number, out id) : _ids.TryGetValue(key, out id);
    }

    /// <summary>The key of a dense id, exactly as it was first added.</summary>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="id"/> is not in <c>0..Count-1</c>.</exception>
    public string KeyOf(int id)
    {
        CheckId(id);
        return _keys[id] ??= _numberOf[id].ToString(CultureInfo.InvariantCulture);
    }

    private int GetOrAddNumber(long number, string? text)
    {
        if (number == _lastNumber)
        {
            return _lastId;
        }
        int id = _numbers.GetOrAdd(number, _count, out bool added);
        if (added)
        {
            Append(text, number);
        }
        _lastNumber = number;
        _lastId = id;
        return id;
    }

    /// <summary>Gives the next id to a key: its text (null for a numeric key whose text is made later) and its number or <see cref="NotNumeric"/>.</summary>
    private int Append(string? text, long number)
    {
        int id = _count;
        if (id == _keys.Length)
        {
            int capacity = (int)Math.Min((long)id * 2, Array.MaxLength);
            if (capacity == id)
            {
                throw new InvalidOperationException($"A key index cannot hold more than {Array.MaxLength:N0} keys.");
            }
            Array.Resize(ref _keys, capacity);
            Array.Resize(ref _numberOf, capacity);
        }
        _keys[id] = text;
        _numberOf[id] = number;
        _count = id + 1;
        return id;
    }

    private void CheckId(int id)
    {
        if ((uint)id >= (uint)_count)
        {
            throw new ArgumentOutOfRangeException(nameof(id), id, $"Id {id} is not in this index of {_count} keys.");
        }
    }
}
