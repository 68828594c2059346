using SparkRecs.Core.Data;
using SparkRecs.Warehouse.Options;

namespace SparkRecs.Warehouse.Cleaning;

/// <summary>Applies <see cref="BotRuleOptions"/>: see its remarks for the rule and its percentile.</summary>
internal static class BotFilter
{
    /// <summary>Drops the rows of every user above the rule's threshold.</summary>
    public static BotRuleReport Apply(InteractionTable table, BotRuleOptions rule)
    {
        if (!rule.Enabled || table.Count == 0)
        {
            return BotRuleReport.None;
        }
        int[] counts = CountPerUser(table);
        int[] active = counts.Where(c => c > 0).ToArray();
        Array.Sort(active);
        double reference = LowerPercentile(active, rule.Percentile);
        double threshold = Math.Max(rule.AbsoluteMax, rule.Multiplier * reference);
        var dropped = new List<DroppedUser>();
        var drop = new bool[counts.Length];
        long rows = 0;
        for (int user = 0; user < counts.Length; user++)
        {
            if (counts[user] > threshold)
            {
                drop[user] = true;
                rows += counts[user];
                dropped.Add(new DroppedUser(table.UserKeys.KeyOf(user), counts[user]));
            }
        }
        if (rows > 0)
        {
            ReadOnlySpan<int> users = table.Users;
            var remove = new bool[users.Length];
            for (int row = 0; row < remove.Length; row++)
            {
                remove[row] = drop[users[row]];
            }
            table.RemoveWhere(row => remove[row]);
        }
        dropped.Sort((a, b) => b.Events != a.Events ? b.Events.CompareTo(a.Events) : string.CompareOrdinal(a.Key, b.Key));
        return new BotRuleReport(reference, threshold, dropped, rows);
    }

    /// <summary>The value at index floor(p/100 × (n − 1)) of ascending <paramref name="sorted"/>: never the maximum itself when p &lt; 100 and n &gt; 1.</summary>
    internal static double LowerPercentile(int[] sorted, double percentile)
        => sorted.Length == 0 ? 0 : sorted[(int)Math.Floor(percentile / 100.0 * (sorted.Length - 1))];

    internal static int[] CountPerUser(InteractionTable table)
    {
        var counts = new int[table.UserKeys.Count];
        foreach (int user in table.Users)
        {
            counts[user]++;
        }
        return counts;
    }
}
