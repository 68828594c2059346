using SparkRecs.Core.Recommend;
using SparkRecs.Core.Sparse;

namespace SparkRecs.Core.Baselines;

/// <summary>
/// The most-popular baseline: every user gets the same scores, the number of distinct training
/// users who interacted with each item. It is the bar a personalised model must beat (an ALS that
/// does not beat popularity is not worth publishing) and the list served to users the model does
/// not know.
/// </summary>
/// <remarks>
/// Popularity is counted on the training matrix only (the training window), never on test data,
/// so evaluation does not leak the future. Every stored entry counts once, whatever its value:
/// the matrix holds at most one entry per (user, item), so this is the number of distinct users.
/// Ranking is deterministic: higher count first, lower item id on ties.
/// </remarks>
public sealed class PopularityModel : IScoringModel
{
    private readonly int[] _counts;
    private readonly float[] _scores;
    private readonly int[] _ranked;

    private PopularityModel(int userCount, int[] counts, int[] ranked)
    {
        UserCount = userCount;
        _counts = counts;
        _ranked = ranked;
        _scores = new float[counts.Length];
        for (int i = 0; i < counts.Length; i++)
        {
            _scores[i] = counts[i];
        }
    }

    /// <inheritdoc />
    public string Name => "popularity";

    /// <inheritdoc />
    public int UserCount { get; }

    /// <inheritdoc />
    public int ItemCount => _counts.Length;

    /// <summary>Distinct training users per item, indexed by item id.</summary>
    public ReadOnlySpan<int> Counts => _counts;

    /// <summary>Every item id, most popular first, ties by lower id (items never seen last).</summary>
    public ReadOnlySpan<int> RankedItems => _ranked;

    /// <summary>Counts the distinct users of every item of the user x item training matrix.</summary>
    public static PopularityModel Fit(CsrMatrix userItem)
    {
        ArgumentNullException.ThrowIfNull(userItem);
        var counts = new int[userItem.Columns];
        foreach (int item in userItem.ColumnIndices)
        {
            counts[item]++;
        }

        // Sort keys: descending count in the high 32 bits, ascending id in the low 32 bits.
        var keys = new long[counts.Length];
        for (int i = 0; i < counts.Length; i++)
        {
            keys[i] = ((long)(int.MaxValue - counts[i]) << 32) | (uint)i;
        }
        Array.Sort(keys);
        var ranked = new int[counts.Length];
        for (int k = 0; k < keys.Length; k++)
        {
            ranked[k] = (int)(keys[k] & 0xFFFF_FFFF);
        }
        return new PopularityModel(userItem.Rows, counts, ranked);
    }

    /// <summary>Writes every item's popularity (the same for all users).</summary>
    public void ScoreUser(int user, Span<float> scores)
    {
        if ((uint)user >= (uint)UserCount)
        {
            throw new ArgumentOutOfRangeException(nameof(user), user, $"The popularity model was fitted on {UserCount} users; for unknown users serve TopItems instead.");
        }
        if (scores.Length != ItemCount)
        {
            throw new ArgumentException($"The score span must hold {ItemCount} items, not {scores.Length}.", nameof(scores));
        }
        _scores.CopyTo(scores);
    }

    /// <summary>
    /// The fallback list for users the model does not know: the <paramref name="n"/> most popular
    /// items with their counts as scores, best first. Items nobody interacted with are never
    /// listed, so the list is shorter than <paramref name="n"/> when fewer items were seen.
    /// </summary>
    public ScoredItems TopItems(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        int length = 0;
        while (length < n && length < _ranked.Length && _counts[_ranked[length]] > 0)
        {
            length++;
        }
        var items = _ranked.AsSpan(0, length).ToArray();
        var scores = new float[length];
        for (int k = 0; k < length; k++)
        {
            scores[k] = _counts[items[k]];
        }
        return new ScoredItems(items, scores);
    }
}
