using SparkRecs.Core.Data;

namespace SparkRecs.Warehouse.Cleaning;

/// <summary>
/// Rebuilds a table whose filters left users or items without events so that ids are dense again
/// (0..Count-1 all used, in order of first appearance): the matrix and the factor arrays are sized
/// by the key counts, and a dropped bot must not keep an empty row.
/// </summary>
internal static class TableCompactor
{
    public static InteractionTable Compact(InteractionTable table)
    {
        ReadOnlySpan<int> users = table.Users;
        ReadOnlySpan<int> items = table.Items;
        ReadOnlySpan<float> values = table.Values;
        ReadOnlySpan<long> timestamps = table.Timestamps;
        int[] userMap = NewMap(table.UserKeys.Count);
        int[] itemMap = NewMap(table.ItemKeys.Count);
        var userKeys = new KeyIndex();
        var itemKeys = new KeyIndex();
        var compact = new InteractionTable(userKeys, itemKeys, Math.Max(table.Count, 4));
        for (int row = 0; row < users.Length; row++)
        {
            ref int user = ref userMap[users[row]];
            if (user < 0)
            {
                user = userKeys.GetOrAddKeyOf(table.UserKeys, users[row]);
            }
            ref int item = ref itemMap[items[row]];
            if (item < 0)
            {
                item = itemKeys.GetOrAddKeyOf(table.ItemKeys, items[row]);
            }
            compact.Add(user, item, values[row], timestamps[row]);
        }
        return compact;
    }

    private static int[] NewMap(int size)
    {
        var map = new int[size];
        Array.Fill(map, -1);
        return map;
    }
}
