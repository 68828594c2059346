namespace SparkRecs.Core.Evaluation;

/// <summary>
/// The held-out events of a split, in the training window's id space: per event the train-space
/// user id (or -1 when the user has no training history), the train-space item id (or -1 when the
/// item did not exist in training), the value and the timestamp, plus an optional display position.
/// </summary>
/// <remarks>
/// Cold users and cold items are kept, not dropped: cold-user events are counted and left out of
/// the headline averages; cold items stay in each user's relevant set as misses that no model can
/// recommend. Their keys are kept so a report can name them.
/// </remarks>
public sealed class TestSet
{
    private readonly int[] _users;
    private readonly int[] _items;
    private readonly float[] _values;
    private readonly long[] _timestamps;
    private readonly int[]? _positions;

    /// <summary>Wraps aligned per-event columns.</summary>
    /// <param name="users">Train-space user id per event, -1 when cold.</param>
    /// <param name="items">Train-space item id per event, -1 when cold.</param>
    /// <param name="values">Rating or event weight per event.</param>
    /// <param name="timestamps">Unix milliseconds per event.</param>
    /// <param name="positions">
    /// Optional 1-based position at which the item was shown to the user (0 or less when unknown);
    /// enables the position propensity of <see cref="EvaluationOptions.PositionEta"/>.
    /// </param>
    /// <param name="coldUserKeys">Distinct keys of the cold users (for reports).</param>
    /// <param name="coldItemKeys">Distinct keys of the cold items (for reports).</param>
    /// <exception cref="ArgumentException">The columns differ in length.</exception>
    public TestSet(
        int[] users, int[] items, float[] values, long[] timestamps, int[]? positions = null,
        IReadOnlyList<string>? coldUserKeys = null, IReadOnlyList<string>? coldItemKeys = null)
    {
        int n = users.Length;
        if (items.Length != n || values.Length != n || timestamps.Length != n || (positions is not null && positions.Length != n))
        {
            throw new ArgumentException(
                $"Test columns differ in length: {n} users, {items.Length} items, {values.Length} values, {timestamps.Length} timestamps"
                + (positions is null ? "." : $", {positions.Length} positions."));
        }
        _users = users;
        _items = items;
        _values = values;
        _timestamps = timestamps;
        _positions = positions;
        ColdUserKeys = coldUserKeys ?? [];
        ColdItemKeys = coldItemKeys ?? [];
        for (int k = 0; k < n; k++)
        {
            if (users[k] < 0)
            {
                ColdUserRows++;
            }
            if (items[k] < 0)
            {
                ColdItemRows++;
            }
        }
    }

    /// <summary>Number of test events.</summary>
    public int Count => _users.Length;

    /// <summary>Train-space user id per event; -1 for a cold user.</summary>
    public ReadOnlySpan<int> Users => _users;

    /// <summary>Train-space item id per event; -1 for a cold item.</summary>
    public ReadOnlySpan<int> Items => _items;

    /// <summary>Rating or event weight per event.</summary>
    public ReadOnlySpan<float> Values => _values;

    /// <summary>Unix milliseconds per event.</summary>
    public ReadOnlySpan<long> Timestamps => _timestamps;

    /// <summary>Whether events carry a display position.</summary>
    public bool HasPositions => _positions is not null;

    /// <summary>1-based display position per event (0 or less = unknown); empty when <see cref="HasPositions"/> is false.</summary>
    public ReadOnlySpan<int> Positions => _positions;

    /// <summary>Events whose user had no training history.</summary>
    public int ColdUserRows { get; }

    /// <summary>Events on items that did not exist in training.</summary>
    public int ColdItemRows { get; }

    /// <summary>Distinct keys of the cold users, in order of first appearance.</summary>
    public IReadOnlyList<string> ColdUserKeys { get; }

    /// <summary>Distinct keys of the cold items, in order of first appearance.</summary>
    public IReadOnlyList<string> ColdItemKeys { get; }

    /// <summary>Share of events on cold items (0 for an empty set).</summary>
    public double ColdItemShare => Count == 0 ? 0 : (double)ColdItemRows / Count;

    /// <summary>The same events with display positions attached (1-based, 0 or less = unknown).</summary>
    public TestSet WithPositions(int[] positions)
        => new(_users, _items, _values, _timestamps, positions, ColdUserKeys, ColdItemKeys);
}
