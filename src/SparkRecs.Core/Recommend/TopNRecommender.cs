using SparkRecs.Core.Factorization;
using SparkRecs.Core.Sparse;

namespace SparkRecs.Core.Recommend;

/// <summary>
/// Top-N recommendation: for every user, the <c>n</c> items with the highest score, excluding the
/// items the user already interacted with in training, best first.
/// </summary>
/// <remarks>
/// <para>
/// For factor models the score is the dot product <c>s(u, i) = x_u . y_i</c> of user and item
/// factors. The catalogue is never fully sorted and no users x items matrix is formed: users are
/// processed in blocks (the unit of parallel work), each block is scored against item blocks that
/// stay in cache with a register-tiled SIMD kernel, and every user keeps a bounded buffer of its
/// best candidates (<see cref="BufferedTopKSelector"/>). Cost: <c>users * items * rank</c> fused
/// multiply-adds for the scores, a comparison with the user's current threshold done by the kernel
/// while the scores are still in registers, and, for the few scores that pass it (about
/// <c>2 n ln(items / n)</c> per user), an append and an amortised share of a quickselect. Scratch is allocated once per worker thread. On the 20M benchmark workload
/// (500k users, 100k items, k = 64) the whole run costs under twice a plain GEMM of the same
/// product; bench/README.md explains the measurement.
/// </para>
/// <para>
/// Results are deterministic: ties are broken by the lower item id, every score is accumulated in
/// factor order with fused multiply-adds (the same float whatever the thread count or SIMD width),
/// and each user's list depends on nothing but that user's row. Lists shorter than <c>n</c> (fewer
/// unseen items than <c>n</c>) are padded with item -1 and score 0. NaN scores are never listed.
/// </para>
/// <para>
/// Each call packs the item factors into the kernel's panel layout (one copy of the item factors,
/// in parallel); when streaming a huge user set through <see cref="Recommend"/> in chunks, make the
/// chunks large (say 100k users) so the packing stays negligible.
/// </para>
/// </remarks>
public static partial class TopNRecommender
{
    /// <summary>
    /// Most users per parallel work item. A block of <c>B</c> users streams every item panel once
    /// from L3 or memory (25.6 MB at 100k items and rank 64) and does <c>2 B</c> flops per item factor,
    /// i.e. <c>B / 2</c> flops per byte fetched: at 256 users, 128 flops per byte, so even 400 GFLOP/s
    /// needs only about 3 GB/s from a shared L3 or memory (64 users needed 12.5 GB/s).
    /// </summary>
    private const int MaxUsersPerBlock = 256;

    /// <summary>
    /// Top-<paramref name="n"/> items for every row of <paramref name="users"/>, scored against
    /// <paramref name="items"/>, excluding each user's row of <paramref name="seen"/>.
    /// </summary>
    /// <param name="users">User factors (row <c>u</c> = user <c>u</c>).</param>
    /// <param name="items">Item factors with the same rank.</param>
    /// <param name="seen">The user x item training matrix whose stored entries are excluded, or null to exclude nothing.</param>
    /// <param name="n">List width (N).</param>
    /// <param name="threads">Worker threads; 0 means one per logical processor.</param>
    /// <param name="onUsersDone">Progress: called from worker threads with the number of users just finished; must be thread-safe.</param>
    /// <param name="ct">Cancels between user blocks (throws <see cref="OperationCanceledException"/>).</param>
    public static TopNLists RecommendAll(
        FactorMatrix users, FactorMatrix items, CsrMatrix? seen, int n, int threads,
        Action<int>? onUsersDone = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var destination = new TopNLists(users.Rows, n);
        Recommend(users, items, seen, 0, users.Rows, destination, 0, threads, onUsersDone, ct);
        return destination;
    }

    /// <summary>
    /// Top-N for users <c>[userStart, userStart + userCount)</c> only, written to rows
    /// <c>[destinationRowOffset, destinationRowOffset + userCount)</c> of <paramref name="destination"/>
    /// (N is its <see cref="TopNLists.Width"/>). Every slot of those rows is overwritten, so one
    /// destination can be reused chunk after chunk to stream a user set too large for one list.
    /// The result for a user is the same as in <see cref="RecommendAll"/>.
    /// </summary>
    /// <param name="users">User factors; <paramref name="userStart"/> indexes its rows.</param>
    /// <param name="items">Item factors with the same rank.</param>
    /// <param name="seen">The user x item training matrix (rows indexed like <paramref name="users"/>), or null.</param>
    /// <param name="userStart">First user of the range.</param>
    /// <param name="userCount">Number of users in the range.</param>
    /// <param name="destination">Lists to write into.</param>
    /// <param name="destinationRowOffset">Row of <paramref name="destination"/> receiving user <paramref name="userStart"/>.</param>
    /// <param name="threads">Worker threads; 0 means one per logical processor.</param>
    /// <param name="onUsersDone">Progress: called from worker threads with the number of users just finished; must be thread-safe.</param>
    /// <param name="ct">Cancels between user blocks.</param>
    public static void Recommend(
        FactorMatrix users, FactorMatrix items, CsrMatrix? seen,
        int userStart, int userCount, TopNLists destination, int destinationRowOffset, int threads,
        Action<int>? onUsersDone = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(destination);
        if (users.Rank != items.Rank)
        {
            throw new ArgumentException($"User factors have rank {users.Rank} but item factors have rank {items.Rank}; both must come from the same model.", nameof(items));
        }
        CheckSeen(seen, users.Rows, items.Rows);
        CheckRange(users.Rows, userStart, userCount, destination, destinationRowOffset);
        int workers = WorkerThreads.Resolve(threads, nameof(threads));
        if (userCount == 0 || destination.Width == 0)
        {
            if (userCount > 0)
            {
                onUsersDone?.Invoke(userCount);
            }
            return;
        }

        var panels = PackedItemPanels.Pack(items, workers);
        int blockSize = UserBlockSize(userCount, workers);
        int blockCount = (userCount + blockSize - 1) / blockSize;
        int n = destination.Width;
        var options = new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = ct };
        Parallel.For(
            0,
            blockCount,
            options,
            () => new FactorTopNWorker(users.Data, panels, seen, n, blockSize),
            (block, _, worker) =>
            {
                ct.ThrowIfCancellationRequested();
                int first = block * blockSize;
                int count = Math.Min(blockSize, userCount - first);
                worker.Process(userStart + first, count, destination, destinationRowOffset + first);
                onUsersDone?.Invoke(count);
                return worker;
            },
            worker => worker.Dispose());
    }

    /// <summary>
    /// Users per work item: at most <see cref="MaxUsersPerBlock"/>, fewer (a multiple of the kernel's
    /// user group) when there are few users per thread, so every thread gets about 4 blocks.
    /// </summary>
    private static int UserBlockSize(int userCount, int workers)
    {
        int group = ScoreKernel.UserGroup;
        int perWorker = (userCount + (4 * workers) - 1) / (4 * workers);
        int roundedToGroup = (perWorker + group - 1) / group * group;
        return Math.Clamp(roundedToGroup, group, MaxUsersPerBlock);
    }

    private static void CheckSeen(CsrMatrix? seen, int userRows, int itemRows)
    {
        if (seen is not null && (seen.Rows != userRows || seen.Columns != itemRows))
        {
            throw new ArgumentException(
                $"The seen matrix is {seen.Rows} x {seen.Columns} but the model has {userRows} users and {itemRows} items; pass the training matrix the model was fitted on.",
                nameof(seen));
        }
    }

    private static void CheckRange(int userRows, int userStart, int userCount, TopNLists destination, int destinationRowOffset)
    {
        if (userStart < 0 || userCount < 0 || (long)userStart + userCount > userRows)
        {
            throw new ArgumentOutOfRangeException(nameof(userStart), $"Users [{userStart}, {(long)userStart + userCount}) are not inside the model's {userRows} users.");
        }
        if (destinationRowOffset < 0 || (long)destinationRowOffset + userCount > destination.Rows)
        {
            throw new ArgumentOutOfRangeException(nameof(destinationRowOffset), $"Rows [{destinationRowOffset}, {(long)destinationRowOffset + userCount}) do not fit a destination of {destination.Rows} rows.");
        }
    }
}
