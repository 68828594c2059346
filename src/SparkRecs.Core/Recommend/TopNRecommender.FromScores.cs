using System.Buffers;
using SparkRecs.Core.Sparse;

namespace SparkRecs.Core.Recommend;

public static partial class TopNRecommender
{
    /// <summary>Users per parallel work item of the score-based path.</summary>
    private const int ScoredUsersPerBlock = 16;

    /// <summary>
    /// Top-<paramref name="n"/> for every user of a model without factors (the popularity and
    /// item-kNN baselines): <see cref="IScoringModel.ScoreUser"/> fills one score row per user, seen
    /// items are masked, and the same bounded selection as the factor path picks the list (same
    /// order, tie and padding rules). One score row of <c>ItemCount</c> floats per worker thread.
    /// </summary>
    /// <param name="model">The model; users are <c>0..model.UserCount-1</c>.</param>
    /// <param name="seen">The user x item training matrix whose stored entries are excluded, or null.</param>
    /// <param name="n">List width (N).</param>
    /// <param name="threads">Worker threads; 0 means one per logical processor.</param>
    /// <param name="onUsersDone">Progress: called from worker threads with the number of users just finished; must be thread-safe.</param>
    /// <param name="ct">Cancels between user blocks.</param>
    public static TopNLists RecommendFromScores(
        IScoringModel model, CsrMatrix? seen, int n, int threads,
        Action<int>? onUsersDone = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var destination = new TopNLists(model.UserCount, n);
        RecommendFromScores(model, seen, 0, model.UserCount, destination, 0, threads, onUsersDone, ct);
        return destination;
    }

    /// <summary>
    /// <see cref="RecommendFromScores(IScoringModel, CsrMatrix?, int, int, Action{int}?, CancellationToken)"/>
    /// for users <c>[userStart, userStart + userCount)</c>, written to rows from
    /// <paramref name="destinationRowOffset"/> of <paramref name="destination"/> (every slot overwritten).
    /// </summary>
    public static void RecommendFromScores(
        IScoringModel model, CsrMatrix? seen,
        int userStart, int userCount, TopNLists destination, int destinationRowOffset, int threads,
        Action<int>? onUsersDone = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(destination);
        CheckSeen(seen, model.UserCount, model.ItemCount);
        CheckRange(model.UserCount, userStart, userCount, destination, destinationRowOffset);
        int workers = WorkerThreads.Resolve(threads, nameof(threads));
        if (userCount == 0)
        {
            return;
        }

        int itemCount = model.ItemCount;
        int blockCount = (userCount + ScoredUsersPerBlock - 1) / ScoredUsersPerBlock;
        var options = new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = ct };
        Parallel.For(
            0,
            blockCount,
            options,
            () => (Scores: ArrayPool<float>.Shared.Rent(itemCount), Selector: new TopKSelector(destination.Width)),
            (block, _, scratch) =>
            {
                ct.ThrowIfCancellationRequested();
                int first = block * ScoredUsersPerBlock;
                int count = Math.Min(ScoredUsersPerBlock, userCount - first);
                var scores = scratch.Scores.AsSpan(0, itemCount);
                for (int r = first; r < first + count; r++)
                {
                    int user = userStart + r;
                    model.ScoreUser(user, scores);
                    if (seen is not null)
                    {
                        foreach (int item in seen.RowIndices(user))
                        {
                            scores[item] = float.NaN;
                        }
                    }
                    scratch.Selector.OfferAll(scores, 0);
                    int row = destinationRowOffset + r;
                    scratch.Selector.DrainTo(destination.Items(row), destination.Scores(row));
                }
                onUsersDone?.Invoke(count);
                return scratch;
            },
            scratch => ArrayPool<float>.Shared.Return(scratch.Scores));
    }
}
