using SparkRecs.Core.Data;
using SparkRecs.Core.Sparse;

namespace SparkRecs.Pipeline.Stages;

/// <summary>
/// The training matrix, user x item (CSR): what ALS, top-N (seen items), popularity and the
/// evaluation read.
/// </summary>
/// <remarks>
/// No item x user orientation is kept here. ALS builds its own, compact (one-byte value codes,
/// <see cref="CompactCsrMatrix.TransposeOf"/>), for the length of a fit and drops it after; item-kNN
/// builds the float one it needs inside its own fit; similar items come from the item factors. Holding
/// a float transpose for the whole run would cost 8 bytes per non-zero that nothing else reads.
/// </remarks>
/// <param name="UserItem">Users x items.</param>
public sealed record InteractionMatrix(CsrMatrix UserItem)
{
    /// <summary>Bytes held by the matrix.</summary>
    public long MemoryBytes => UserItem.MemoryBytes;

    /// <summary>
    /// Builds the matrix from an interaction table in O(nnz) (counting sorts). Repeated
    /// (user, item) events are combined: for implicit feedback their weights add up (three views
    /// weigh three); for explicit ratings the latest rating by timestamp wins. With
    /// <paramref name="binary"/> every stored entry becomes 1 (presence only).
    /// </summary>
    public static InteractionMatrix Build(InteractionTable table, bool explicitRatings, bool binary)
    {
        int users = table.UserKeys.Count;
        int items = table.ItemKeys.Count;
        CsrMatrix userItem;
        if (explicitRatings)
        {
            // Order rows by time so "last" means the latest rating, whatever order files were read in.
            var order = new int[table.Count];
            for (int k = 0; k < order.Length; k++)
            {
                order[k] = k;
            }
            var times = table.Timestamps.ToArray();
            Array.Sort(times, order);
            var u = new int[order.Length];
            var i = new int[order.Length];
            var v = new float[order.Length];
            var su = table.Users;
            var si = table.Items;
            var sv = table.Values;
            for (int k = 0; k < order.Length; k++)
            {
                u[k] = su[order[k]];
                i[k] = si[order[k]];
                v[k] = sv[order[k]];
            }
            userItem = CsrMatrix.FromCoordinates(users, items, u, i, v, DuplicateEntries.Last);
        }
        else
        {
            userItem = CsrMatrix.FromCoordinates(users, items, table.Users, table.Items, table.Values, DuplicateEntries.Sum);
        }
        if (binary)
        {
            var ones = new float[userItem.NonZeros];
            Array.Fill(ones, 1f);
            userItem = new CsrMatrix(userItem.Rows, userItem.Columns, userItem.RowPointers.ToArray(), userItem.ColumnIndices.ToArray(), ones);
        }
        return new InteractionMatrix(userItem);
    }
}
