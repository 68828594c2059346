using System.Numerics.Tensors;
using SparkRecs.Core.Recommend;

namespace SparkRecs.Core.Factorization;

/// <summary>
/// A trained ALS model: the score of item <c>i</c> for user <c>u</c> is the dot product of their
/// factors, <c>x_u . y_i</c>. Immutable after construction and safe to score from many threads.
/// </summary>
/// <remarks>
/// For an explicit model a score is a predicted rating; for an implicit model it estimates the
/// preference <c>p_ui</c> in [0, 1] (not a probability; only the order is meaningful). The factor
/// arrays are exposed for publishing; mutating them changes the model's scores.
/// </remarks>
public sealed class AlsModel : IScoringModel
{
    /// <summary>Wraps factors trained here or loaded from elsewhere (e.g. the Spark engine).</summary>
    /// <exception cref="ArgumentException">The two factor matrices have different ranks.</exception>
    public AlsModel(FactorMatrix userFactors, FactorMatrix itemFactors, AlsOptions options, IReadOnlyList<AlsIterationReport> history)
    {
        ArgumentNullException.ThrowIfNull(userFactors);
        ArgumentNullException.ThrowIfNull(itemFactors);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(history);
        if (userFactors.Rank != itemFactors.Rank)
        {
            throw new ArgumentException($"User factors have rank {userFactors.Rank} but item factors have rank {itemFactors.Rank}.", nameof(itemFactors));
        }
        UserFactors = userFactors;
        ItemFactors = itemFactors;
        Options = options;
        History = history;
    }

    /// <summary>A model <see cref="AlsTrainer"/> just trained, with the memory it trained in.</summary>
    internal AlsModel(FactorMatrix userFactors, FactorMatrix itemFactors, AlsOptions options, IReadOnlyList<AlsIterationReport> history, AlsWorkingSet workingSet)
        : this(userFactors, itemFactors, options, history)
    {
        WorkingSet = workingSet;
    }

    /// <inheritdoc />
    public string Name => "als";

    /// <inheritdoc />
    public int UserCount => UserFactors.Rows;

    /// <inheritdoc />
    public int ItemCount => ItemFactors.Rows;

    /// <summary>One row per user (dense user id).</summary>
    public FactorMatrix UserFactors { get; }

    /// <summary>One row per item (dense item id).</summary>
    public FactorMatrix ItemFactors { get; }

    /// <summary>The options the model was trained with.</summary>
    public AlsOptions Options { get; }

    /// <summary>One report per iteration, in order (empty for a model loaded from elsewhere).</summary>
    public IReadOnlyList<AlsIterationReport> History { get; }

    /// <summary>The memory training held (matrices, per-row arrays, scratch); <see langword="null"/> for a model loaded from elsewhere.</summary>
    public AlsWorkingSet? WorkingSet { get; }

    /// <summary>The score of <paramref name="item"/> for <paramref name="user"/>.</summary>
    public float Predict(int user, int item)
    {
        CheckUser(user);
        if ((uint)item >= (uint)ItemCount)
        {
            throw new ArgumentOutOfRangeException(nameof(item), $"Item {item} is outside 0..{ItemCount - 1}.");
        }
        return TensorPrimitives.Dot(UserFactors.Row(user), ItemFactors.Row(item));
    }

    /// <inheritdoc />
    public void ScoreUser(int user, Span<float> scores)
    {
        CheckUser(user);
        if (scores.Length != ItemCount)
        {
            throw new ArgumentException($"Expected a span of {ItemCount} scores (one per item), got {scores.Length}.", nameof(scores));
        }
        ReadOnlySpan<float> x = UserFactors.Row(user);
        ReadOnlySpan<float> items = ItemFactors.Data;
        int k = ItemFactors.Rank;
        for (int item = 0; item < scores.Length; item++)
        {
            scores[item] = TensorPrimitives.Dot(items.Slice(item * k, k), x);
        }
    }

    private void CheckUser(int user)
    {
        if ((uint)user >= (uint)UserCount)
        {
            throw new ArgumentOutOfRangeException(nameof(user), $"User {user} is outside 0..{UserCount - 1}.");
        }
    }
}
