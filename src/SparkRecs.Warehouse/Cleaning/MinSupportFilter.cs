using SparkRecs.Core.Data;

namespace SparkRecs.Warehouse.Cleaning;

/// <summary>
/// Drops events of users and items with too few events: a factor learnt from two ratings is
/// mostly regularization, and such rows cost time without improving anyone's recommendations.
/// </summary>
/// <remarks>
/// One pass counts users and items on the same table and removes every row failing either
/// minimum, so a surviving item may fall below its minimum once its users are gone. The iterative
/// form repeats until nothing changes, which yields the (minUser, minItem)-core: every remaining
/// user and item meets its minimum. Each pass is O(rows).
/// </remarks>
internal static class MinSupportFilter
{
    private const int MaxPasses = 100;

    public static MinSupportReport Apply(InteractionTable table, int minUser, int minItem, bool iterative)
    {
        if (minUser <= 1 && minItem <= 1 || table.Count == 0)
        {
            return MinSupportReport.None;
        }
        int usersBefore = CountActive(table.Users, table.UserKeys.Count);
        int itemsBefore = CountActive(table.Items, table.ItemKeys.Count);
        long removedRows = 0;
        int passes = 0;
        while (passes < MaxPasses)
        {
            passes++;
            int[] userCounts = Counts(table.Users, table.UserKeys.Count);
            int[] itemCounts = Counts(table.Items, table.ItemKeys.Count);
            ReadOnlySpan<int> users = table.Users;
            ReadOnlySpan<int> items = table.Items;
            var remove = new bool[table.Count];
            bool any = false;
            for (int row = 0; row < remove.Length; row++)
            {
                if (userCounts[users[row]] < minUser || itemCounts[items[row]] < minItem)
                {
                    remove[row] = true;
                    any = true;
                }
            }
            if (!any)
            {
                break;
            }
            removedRows += table.RemoveWhere(row => remove[row]);
            if (!iterative)
            {
                break;
            }
        }
        int usersAfter = CountActive(table.Users, table.UserKeys.Count);
        int itemsAfter = CountActive(table.Items, table.ItemKeys.Count);
        return new MinSupportReport(removedRows, usersBefore - usersAfter, itemsBefore - itemsAfter, passes);
    }

    private static int[] Counts(ReadOnlySpan<int> ids, int size)
    {
        var counts = new int[size];
        foreach (int id in ids)
        {
            counts[id]++;
        }
        return counts;
    }

    private static int CountActive(ReadOnlySpan<int> ids, int size)
    {
        int[] counts = Counts(ids, size);
        int active = 0;
        foreach (int c in counts)
        {
            active += c > 0 ? 1 : 0;
        }
        return active;
    }
}
