using SparkRecs.Core.Data;
using SparkRecs.Warehouse.Validation;

namespace SparkRecs.Warehouse.Ingest;

/// <summary>
/// Appends per-file tables to the ingest's result in file order, translating each file's local
/// ids into global ones.
/// </summary>
/// <remarks>
/// A file's local ids are numbered in order of first appearance within the file, so mapping them
/// in id order assigns new global ids in exactly the order a single sequential read would: the
/// result does not depend on how many files were read in parallel. The translation costs one
/// key lookup per distinct key of the file rather than two per row. The first file's table is
/// taken over as the result: with nothing before it its local ids already are the global ones, so
/// a single-file ingest copies no rows and looks up no key twice.
/// </remarks>
internal sealed class EventTableAssembler
{
    private ushort[] _types = [];
    private InteractionTable? _table;

    /// <summary>The events appended so far, with global ids.</summary>
    public InteractionTable Table => _table ??= new InteractionTable(capacity: 1 << 16);

    /// <summary>Event type id of each row of <see cref="Table"/>.</summary>
    public ReadOnlySpan<ushort> Types => _types.AsSpan(0, Table.Count);

    public void Append(EventTableBuilder part)
    {
        InteractionTable local = part.Table;
        if (_table is null)
        {
            _table = local;
            _types = part.Types.ToArray();
            return;
        }
        InteractionTable table = _table;
        int[] users = MapKeys(local.UserKeys, table.UserKeys);
        int[] items = MapKeys(local.ItemKeys, table.ItemKeys);
        int start = table.Count;
        int count = local.Count;
        table.EnsureCapacity(start + count);
        if (_types.Length < start + count)
        {
            Array.Resize(ref _types, Math.Max(start + count, _types.Length * 2));
        }
        ReadOnlySpan<int> localUsers = local.Users;
        ReadOnlySpan<int> localItems = local.Items;
        ReadOnlySpan<float> values = local.Values;
        ReadOnlySpan<long> timestamps = local.Timestamps;
        for (int row = 0; row < count; row++)
        {
            table.Add(users[localUsers[row]], items[localItems[row]], values[row], timestamps[row]);
        }
        part.Types.CopyTo(_types.AsSpan(start));
    }

    private static int[] MapKeys(KeyIndex local, KeyIndex global)
    {
        var map = new int[local.Count];
        for (int id = 0; id < map.Length; id++)
        {
            map[id] = global.GetOrAddKeyOf(local, id);
        }
        return map;
    }
}
