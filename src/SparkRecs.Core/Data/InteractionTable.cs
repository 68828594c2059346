namespace SparkRecs.Core.Data;

/// <summary>
/// A growable columnar table of interaction events: dense user id, dense item id, a value (rating,
/// count or event weight) and a timestamp in Unix milliseconds (UTC).
/// </summary>
/// <remarks>
/// Columns are plain arrays so stages work on spans with no per-event objects: 10 million events
/// cost 200 MB here (4 + 4 + 4 + 8 bytes each) plus the key indexes. The ids refer to
/// <see cref="UserKeys"/> and <see cref="ItemKeys"/>. Row order is insertion order until a stage
/// reorders it.
/// </remarks>
public sealed class InteractionTable
{
    private int[] _users;
    private int[] _items;
    private float[] _values;
    private long[] _timestamps;
    private int _count;

    /// <summary>Creates an empty table that maps keys through the given indexes (new ones when null).</summary>
    public InteractionTable(KeyIndex? userKeys = null, KeyIndex? itemKeys = null, int capacity = 1024)
    {
        UserKeys = userKeys ?? new KeyIndex();
        ItemKeys = itemKeys ?? new KeyIndex();
        capacity = Math.Max(capacity, 4);
        _users = new int[capacity];
        _items = new int[capacity];
        _values = new float[capacity];
        _timestamps = new long[capacity];
    }

    /// <summary>Keys of the user ids in <see cref="Users"/>.</summary>
    public KeyIndex UserKeys { get; }

    /// <summary>Keys of the item ids in <see cref="Items"/>.</summary>
    public KeyIndex ItemKeys { get; }

    /// <summary>Number of rows.</summary>
    public int Count => _count;

    /// <summary>Dense user id of each row.</summary>
    public ReadOnlySpan<int> Users => _users.AsSpan(0, _count);

    /// <summary>Dense item id of each row.</summary>
    public ReadOnlySpan<int> Items => _items.AsSpan(0, _count);

    /// <summary>Value of each row: a rating, a count or an event weight.</summary>
    public ReadOnlySpan<float> Values => _values.AsSpan(0, _count);

    /// <summary>Timestamp of each row in Unix milliseconds (UTC).</summary>
    public ReadOnlySpan<long> Timestamps => _timestamps.AsSpan(0, _count);

    /// <summary>Appends a row.</summary>
    public void Add(int user, int item, float value, long timestampMs)
    {
        if (_count == _users.Length)
        {
            Grow(_count + 1);
        }
        _users[_count] = user;
        _items[_count] = item;
        _values[_count] = value;
        _timestamps[_count] = timestampMs;
        _count++;
    }

    /// <summary>Appends a row, mapping the keys through <see cref="UserKeys"/> and <see cref="ItemKeys"/>.</summary>
    public void Add(ReadOnlySpan<char> userKey, ReadOnlySpan<char> itemKey, float value, long timestampMs)
        => Add(UserKeys.GetOrAdd(userKey), ItemKeys.GetOrAdd(itemKey), value, timestampMs);

    /// <summary>Makes room for at least <paramref name="capacity"/> rows.</summary>
    public void EnsureCapacity(int capacity)
    {
        if (capacity > _users.Length)
        {
            Grow(capacity);
        }
    }

    /// <summary>
    /// Removes the rows whose index satisfies <paramref name="remove"/>, keeping the rest in order, compacting in place.
    /// Key indexes are unchanged (ids of users or items with no row left stay valid but unused).
    /// </summary>
    /// <returns>The number of rows removed.</returns>
    public int RemoveWhere(Func<int, bool> remove)
    {
        int write = 0;
        for (int read = 0; read < _count; read++)
        {
            if (remove(read))
            {
                continue;
            }
            if (write != read)
            {
                _users[write] = _users[read];
                _items[write] = _items[read];
                _values[write] = _values[read];
                _timestamps[write] = _timestamps[read];
            }
            write++;
        }
        int removed = _count - write;
        _count = write;
        return removed;
    }

    private void Grow(int min)
    {
        long next = Math.Max((long)_users.Length * 2, min);
        int capacity = (int)Math.Min(next, Array.MaxLength);
        if (capacity < min)
        {
            throw new InvalidOperationException($"An interaction table cannot hold more than {Array.MaxLength:N0} rows; read a shorter window or use the Spark engine.");
        }
        Array.Resize(ref _users, capacity);
        Array.Resize(ref _items, capacity);
        Array.Resize(ref _values, capacity);
        Array.Resize(ref _timestamps, capacity);
    }
}
