using System.Numerics.Tensors;
using SparkRecs.Core.Data;
using SparkRecs.Core.Recommend;
using SparkRecs.Postgres.Serving;

namespace SparkRecs.Pipeline.Stages;

/// <summary>
/// The live model re-expressed in a new split's ids, scoring the way serving does: a user the live
/// run knows gets factor dot products; an unknown user gets the live popular list; an item the live
/// run does not know cannot be recommended by it (score -infinity, ranked last).
/// </summary>
/// <remarks>
/// This is what makes the gate's comparison against the live model paired and fair: both models
/// are ranked over the same candidates for the same users on the same test events.
/// </remarks>
public sealed class LiveScoringModel : IScoringModel
{
    private readonly int _rank;
    private readonly float[]?[] _users;
    private readonly float[] _items;
    private readonly bool[] _itemKnown;
    private readonly float[] _popular;

    /// <summary>Maps <paramref name="live"/> onto the ids of <paramref name="userKeys"/> and <paramref name="itemKeys"/>.</summary>
    public LiveScoringModel(LiveModelSnapshot live, KeyIndex userKeys, KeyIndex itemKeys)
    {
        RunId = live.RunId;
        _rank = live.Rank;
        _users = new float[]?[userKeys.Count];
        for (int u = 0; u < _users.Length; u++)
        {
            _users[u] = live.UserFactors.TryGetValue(userKeys.KeyOf(u), out var f) && f.Length == _rank ? f : null;
        }
        _items = new float[(long)itemKeys.Count * _rank];
        _itemKnown = new bool[itemKeys.Count];
        for (int i = 0; i < itemKeys.Count; i++)
        {
            if (live.ItemFactors.TryGetValue(itemKeys.KeyOf(i), out var f) && f.Length == _rank)
            {
                f.CopyTo(_items.AsSpan(i * _rank, _rank));
                _itemKnown[i] = true;
            }
        }
        _popular = new float[itemKeys.Count];
        Array.Fill(_popular, float.NegativeInfinity);
        foreach (var (key, score) in live.Popular)
        {
            if (itemKeys.TryGetId(key, out int id))
            {
                _popular[id] = score;
            }
        }
    }

    /// <summary>The live run these scores come from.</summary>
    public long RunId { get; }

    /// <inheritdoc />
    public string Name => "live";

    /// <inheritdoc />
    public int UserCount => _users.Length;

    /// <inheritdoc />
    public int ItemCount => _itemKnown.Length;

    /// <inheritdoc />
    public void ScoreUser(int user, Span<float> scores)
    {
        var factors = _users[user];
        if (factors is null)
        {
            _popular.CopyTo(scores);
            return;
        }
        for (int i = 0; i < _itemKnown.Length; i++)
        {
            scores[i] = _itemKnown[i]
                ? TensorPrimitives.Dot(factors, new ReadOnlySpan<float>(_items, i * _rank, _rank))
                : float.NegativeInfinity;
        }
    }
}
