using SparkRecs.Core.Recommend;
using SparkRecs.Core.Sparse;

namespace SparkRecs.Core.Baselines;

/// <summary>
/// Item-based k-nearest-neighbours top-N recommender (Sarwar, Karypis, Konstan and Riedl,
/// "Item-based collaborative filtering recommendation algorithms", WWW 2001; Deshpande and Karypis,
/// "Item-based top-N recommendation algorithms", ACM TOIS 2004): the classic non-factor baseline.
/// </summary>
/// <remarks>
/// <para>
/// The training matrix is binarised: <c>r(u, i) = 1</c> when user <c>u</c> has a stored entry for
/// item <c>i</c>. With <c>U(i)</c> the users of item <c>i</c>, the cosine similarity of two items is
/// <code>
///   sim(i, j) = |U(i) n U(j)| / sqrt(|U(i)| * |U(j)|)
/// </code>
/// optionally shrunk towards 0 when few users support it (<see cref="ItemKnnOptions.Shrinkage"/>
/// <c>lambda</c>, with <c>c = |U(i) n U(j)|</c>): <c>sim * c / (c + lambda)</c>. Each item <c>j</c>
/// keeps only its <c>k</c> = <see cref="ItemKnnOptions.Neighbors"/> most similar items
/// <c>N_k(j)</c> (ties by lower id; similarities below <see cref="ItemKnnOptions.MinSimilarity"/>
/// dropped), stored as row <c>j</c> of the sparse <see cref="Similarities"/> matrix. A user's score
/// for item <c>i</c> sums the similarities of the user's items that list <c>i</c> as a neighbour:
/// <code>
///   score(u, i) = sum over j in I(u) with i in N_k(j) of sim(j, i)
/// </code>
/// (Deshpande and Karypis' candidate aggregation, without their row normalisation).
/// </para>
/// <para>
/// Building costs <c>sum over users of |I(u)|^2</c> operations (each user's items pair up), done per
/// item as a sparse product of the item's user list with the user x item matrix into a dense
/// accumulator per thread; no items x items matrix is ever formed. Memory is
/// <c>8 * items * k</c> bytes for the kept similarities plus one <c>int</c> per item per thread.
/// Heavy users dominate the cost, which is one more reason ingest drops bot-like users.
/// </para>
/// <para>Deterministic: integer co-counts, a total order on neighbours, row-ordered assembly.</para>
/// </remarks>
public sealed class ItemKnnModel : IScoringModel
{
    private readonly CsrMatrix _userItem;

    private ItemKnnModel(CsrMatrix userItem, CsrMatrix similarities, ItemKnnOptions options)
    {
        _userItem = userItem;
        Similarities = similarities;
        Options = options;
    }

    /// <inheritdoc />
    public string Name => "item-knn";

    /// <inheritdoc />
    public int UserCount => _userItem.Rows;

    /// <inheritdoc />
    public int ItemCount => _userItem.Columns;

    /// <summary>
    /// Items x items: row <c>j</c> holds the kept neighbours <c>N_k(j)</c> of item <c>j</c> (columns
    /// increasing) with their similarities; the item itself is never its own neighbour.
    /// </summary>
    public CsrMatrix Similarities { get; }

    /// <summary>The settings the model was built with.</summary>
    public ItemKnnOptions Options { get; }

    /// <summary>Builds the neighbourhoods from the user x item training matrix.</summary>
    /// <param name="userItem">Training matrix; only the pattern of stored entries is used.</param>
    /// <param name="options">Settings, or null for the defaults (100 neighbours, no shrinkage).</param>
    /// <param name="threads">Worker threads; 0 means one per logical processor.</param>
    /// <param name="ct">Cancels between item blocks.</param>
    public static ItemKnnModel Fit(CsrMatrix userItem, ItemKnnOptions? options = null, int threads = 0, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(userItem);
        options ??= new ItemKnnOptions();
        options.Validate();
        int workers = WorkerThreads.Resolve(threads, nameof(threads));
        var similarities = CosineNeighborhoods.Build(userItem, options, workers, ct);
        return new ItemKnnModel(userItem, similarities, options);
    }

    /// <summary>Writes <c>score(u, i)</c> for every item: the sum of the user's items' similarities to it.</summary>
    public void ScoreUser(int user, Span<float> scores)
    {
        if ((uint)user >= (uint)UserCount)
        {
            throw new ArgumentOutOfRangeException(nameof(user), user, $"The item-kNN model was fitted on {UserCount} users.");
        }
        if (scores.Length != ItemCount)
        {
            throw new ArgumentException($"The score span must hold {ItemCount} items, not {scores.Length}.", nameof(scores));
        }
        scores.Clear();
        foreach (int item in _userItem.RowIndices(user))
        {
            var neighbors = Similarities.RowIndices(item);
            var similarity = Similarities.RowValues(item);
            for (int k = 0; k < neighbors.Length; k++)
            {
                scores[neighbors[k]] += similarity[k];
            }
        }
    }
}
