using SparkRecs.Core.Data;

namespace SparkRecs.Warehouse.Cleaning;

/// <summary>
/// Removes exact duplicate events (same user, item, timestamp and event type), keeping the first
/// occurrence in read order: at-least-once delivery into a warehouse repeats rows, and a repeated
/// purchase must not count twice.
/// </summary>
/// <remarks>
/// Rows are grouped by user with a counting sort (O(n)), then each user's rows are sorted by
/// (item, timestamp, type, row) in a reused buffer of 24-byte keys, so the extra memory is one
/// int and one bool per row plus the busiest user's rows, never a hash set of all events.
/// </remarks>
internal static class Deduplicator
{
    /// <summary>Removes duplicates from <paramref name="table"/>; <paramref name="types"/> holds each row's event type id.</summary>
    /// <returns>The number of rows removed.</returns>
    public static int Remove(InteractionTable table, ReadOnlySpan<ushort> types)
    {
        int n = table.Count;
        if (n < 2)
        {
            return 0;
        }
        ReadOnlySpan<int> users = table.Users;
        ReadOnlySpan<int> items = table.Items;
        ReadOnlySpan<long> timestamps = table.Timestamps;
        int userCount = table.UserKeys.Count;
        var start = new int[userCount + 1];
        foreach (int user in users)
        {
            start[user + 1]++;
        }
        int largest = 0;
        for (int u = 0; u < userCount; u++)
        {
            largest = Math.Max(largest, start[u + 1]);
            start[u + 1] += start[u];
        }
        var order = new int[n];
        var next = start.AsSpan(0, userCount).ToArray();
        for (int row = 0; row < n; row++)
        {
            order[next[users[row]]++] = row;
        }

        var duplicate = new bool[n];
        var keys = new EventKey[largest];
        int removed = 0;
        for (int u = 0; u < userCount; u++)
        {
            int length = start[u + 1] - start[u];
            if (length < 2)
            {
                continue;
            }
            Span<EventKey> segment = keys.AsSpan(0, length);
            for (int k = 0; k < length; k++)
            {
                int row = order[start[u] + k];
                segment[k] = new EventKey(items[row], timestamps[row], types[row], row);
            }
            segment.Sort();
            for (int k = 1; k < length; k++)
            {
                if (segment[k].SameEvent(segment[k - 1]))
                {
                    duplicate[segment[k].Row] = true;
                    removed++;
                }
            }
        }
        if (removed > 0)
        {
            table.RemoveWhere(row => duplicate[row]);
        }
        return removed;
    }

    private readonly record struct EventKey(int Item, long Timestamp, ushort Type, int Row) : IComparable<EventKey>
    {
        public bool SameEvent(EventKey other) => Item == other.Item && Timestamp == other.Timestamp && Type == other.Type;

        public int CompareTo(EventKey other)
        {
            int c = Item.CompareTo(other.Item);
            if (c != 0)
            {
                return c;
            }
            c = Timestamp.CompareTo(other.Timestamp);
            if (c != 0)
            {
                return c;
            }
            c = Type.CompareTo(other.Type);
            return c != 0 ? c : Row.CompareTo(other.Row);
        }
    }
}
