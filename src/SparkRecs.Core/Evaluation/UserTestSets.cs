using SparkRecs.Core.Sparse;

namespace SparkRecs.Core.Evaluation;

/// <summary>
/// The evaluable users of a test set and each one's relevant items R_u, in flat arrays.
/// </summary>
/// <remarks>
/// A user is evaluable when known in training (warm) and holding at least one relevant test item
/// that existed in training. R_u = warm relevant items (deduplicated, those the user already had in
/// training removed, since seen items are never recommended) plus relevant events on cold items,
/// which stay in |R_u| as misses (unless <see cref="EvaluationOptions.ColdItemsAsMisses"/> is false,
/// which drops them, as studies that restrict the test to known items do). Cold items carry no
/// identity in train space, so each relevant cold event counts once (ingest deduplicates events). Each relevant entry carries its position
/// propensity (1 when no position is known; the best, i.e. smallest, position among duplicates).
/// </remarks>
internal sealed class UserTestSets
{
    private UserTestSets(int[] users, int[] warmOffsets, int[] warmItems, double[] warmPositionPropensity,
        int[] coldOffsets, double[] coldPositionPropensity, TestSetCounts counts)
    {
        Users = users;
        WarmOffsets = warmOffsets;
        WarmItems = warmItems;
        WarmPositionPropensity = warmPositionPropensity;
        ColdOffsets = coldOffsets;
        ColdPositionPropensity = coldPositionPropensity;
        Counts = counts;
    }

    /// <summary>Train-space ids of the evaluable users, ascending.</summary>
    internal int[] Users { get; }

    /// <summary>User k's warm relevant items are <c>WarmItems[WarmOffsets[k]..WarmOffsets[k+1]]</c>, ascending.</summary>
    internal int[] WarmOffsets { get; }

    internal int[] WarmItems { get; }

    internal double[] WarmPositionPropensity { get; }

    /// <summary>User k's relevant cold events are entries <c>ColdOffsets[k]..ColdOffsets[k+1]</c> of <see cref="ColdPositionPropensity"/>.</summary>
    internal int[] ColdOffsets { get; }

    internal double[] ColdPositionPropensity { get; }

    internal TestSetCounts Counts { get; }

    internal int UserCount => Users.Length;

    /// <summary>|R_u| of user k (warm plus cold relevant).</summary>
    internal int RelevantCount(int k) => WarmOffsets[k + 1] - WarmOffsets[k] + ColdOffsets[k + 1] - ColdOffsets[k];

    /// <summary>Collects, deduplicates and groups the relevant test events of warm users.</summary>
    /// <exception cref="ArgumentException">A test id lies outside the training matrix.</exception>
    internal static UserTestSets Build(TestSet test, CsrMatrix train, EvaluationOptions options)
    {
        var (keys, rows) = SortRelevantEvents(test, train, options.Relevance);
        var groups = GroupByUser(keys, train, out int usersWithOnlyCold, out int repeatExcluded);
        int evaluable = groups.Count;
        if (options.MaxUsers is int max && groups.Count > max)
        {
            groups = Sample(groups, max, options.Seed);
        }

        bool positions = test.HasPositions && options.PositionEta is not null;
        double positionEta = options.PositionEta ?? 0;
        var userIds = new int[groups.Count];
        var warmOffsets = new int[groups.Count + 1];
        var coldOffsets = new int[groups.Count + 1];
        var warmItems = new List<int>();
        var warmProp = new List<double>();
        var coldProp = new List<double>();
        int coldRelevant = 0;
        for (int g = 0; g < groups.Count; g++)
        {
            var (user, start, end) = groups[g];
            userIds[g] = user;
            int k = start;
            while (k < end)
            {
                int item = ItemOf(keys[k]);
                double best = PositionPropensity(test, rows[k], positions, positionEta);
                int next = k + 1;
                if (item >= 0)
                {
                    // Duplicates of one warm item: keep one entry, with its best (smallest) position.
                    while (next < end && keys[next] == keys[k])
                    {
                        best = Math.Max(best, PositionPropensity(test, rows[next], positions, positionEta));
                        next++;
                    }
                    if (!train.Contains(user, item))
                    {
                        warmItems.Add(item);
                        warmProp.Add(best);
                    }
                }
                else
                {
                    coldRelevant++;
                    if (options.ColdItemsAsMisses)
                    {
                        coldProp.Add(best);
                    }
                }
                k = next;
            }
            warmOffsets[g + 1] = warmItems.Count;
            coldOffsets[g + 1] = coldProp.Count;
        }

        var counts = new TestSetCounts(
            EvaluableUsers: evaluable,
            EvaluatedUsers: groups.Count,
            UsersWithOnlyColdRelevant: usersWithOnlyCold,
            RelevantItems: warmItems.Count + coldProp.Count,
            ColdRelevantItems: coldRelevant,
            ColdRelevantShare: warmItems.Count + coldRelevant == 0 ? 0 : (double)coldRelevant / (warmItems.Count + coldRelevant),
            RelevantAlreadyInTraining: repeatExcluded,
            ColdUserTestRows: test.ColdUserRows);
        return new UserTestSets(userIds, warmOffsets, [.. warmItems], [.. warmProp], coldOffsets, [.. coldProp], counts);
    }

    /// <summary>
    /// The relevant events of warm users as sort keys (user in the high 32 bits, item + 1 in the low
    /// 32, so a cold item -1 becomes 0) with their test rows, sorted by user then item.
    /// </summary>
    private static (long[] Keys, int[] Rows) SortRelevantEvents(TestSet test, CsrMatrix train, RelevanceRule relevance)
    {
        var users = test.Users;
        var items = test.Items;
        var values = test.Values;
        int relevantRows = 0;
        for (int k = 0; k < test.Count; k++)
        {
            if (users[k] >= train.Rows || items[k] >= train.Columns)
            {
                throw new ArgumentException($"Test event {k} has user {users[k]} / item {items[k]}, outside the {train.Rows} x {train.Columns} training matrix; build the matrix from the split's Train table.", nameof(test));
            }
            relevantRows += users[k] >= 0 && relevance.IsRelevant(values[k]) ? 1 : 0;
        }
        var keys = new long[relevantRows];
        var rows = new int[relevantRows];
        int r = 0;
        for (int k = 0; k < test.Count; k++)
        {
            if (users[k] >= 0 && relevance.IsRelevant(values[k]))
            {
                keys[r] = ((long)users[k] << 32) | (uint)(items[k] + 1);
                rows[r++] = k;
            }
        }
        Array.Sort(keys, rows);
        return (keys, rows);
    }

    /// <summary>
    /// Splits the sorted keys into one range per user and keeps the users with at least one distinct
    /// warm relevant item they did not already have in training.
    /// </summary>
    private static List<UserRange> GroupByUser(long[] keys, CsrMatrix train, out int usersWithOnlyCold, out int repeatExcluded)
    {
        var groups = new List<UserRange>();
        usersWithOnlyCold = 0;
        repeatExcluded = 0;
        int start = 0;
        while (start < keys.Length)
        {
            int user = UserOf(keys[start]);
            int end = start;
            int warm = 0;
            while (end < keys.Length && UserOf(keys[end]) == user)
            {
                int item = ItemOf(keys[end]);
                bool firstOfItem = end == start || keys[end] != keys[end - 1];
                if (item >= 0 && firstOfItem)
                {
                    if (train.Contains(user, item))
                    {
                        repeatExcluded++;
                    }
                    else
                    {
                        warm++;
                    }
                }
                end++;
            }
            if (warm > 0)
            {
                groups.Add(new UserRange(user, start, end));
            }
            else
            {
                usersWithOnlyCold++;
            }
            start = end;
        }
        return groups;
    }

    private static int UserOf(long key) => (int)(key >> 32);

    private static int ItemOf(long key) => (int)(uint)key - 1;

    private static double PositionPropensity(TestSet test, int row, bool positions, double eta)
    {
        if (!positions)
        {
            return 1;
        }
        int position = test.Positions[row];
        return position >= 1 ? Math.Pow(1.0 / position, eta) : 1;
    }

    /// <summary>A seeded uniform sample of <paramref name="count"/> groups (partial Fisher-Yates), back in user order.</summary>
    private static List<UserRange> Sample(List<UserRange> groups, int count, ulong seed)
    {
        var rng = SplitMix64.ForStream(seed, ulong.MaxValue);
        var pool = groups.ToArray();
        for (int k = 0; k < count; k++)
        {
            int pick = k + rng.NextInt(pool.Length - k);
            (pool[k], pool[pick]) = (pool[pick], pool[k]);
        }
        var chosen = pool.AsSpan(0, count).ToArray();
        Array.Sort(chosen, (a, b) => a.User.CompareTo(b.User));
        return [.. chosen];
    }

    /// <summary>One user's entries <c>Start..End</c> in the sorted relevant-event keys.</summary>
    private readonly record struct UserRange(int User, int Start, int End);
}
