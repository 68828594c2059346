namespace SparkRecs.Core.Recommend;

/// <summary>
/// A model that can score every item of the catalogue for one user: ALS (dot products of factors),
/// the popularity baseline (training counts), item-kNN (summed similarities). Evaluation ranks the
/// full catalogue from these scores (no sampled negatives), and top-N selection uses them too.
/// </summary>
/// <remarks>
/// User and item ids are the dense ids of the training matrix the model was fitted on. Higher is
/// better. Implementations must be safe to call from several threads at once for different
/// destination spans.
/// </remarks>
public interface IScoringModel
{
    /// <summary>A short name for reports ("als", "popularity", "item-knn").</summary>
    string Name { get; }

    /// <summary>Number of users the model knows.</summary>
    int UserCount { get; }

    /// <summary>Number of items the model can score; the length <see cref="ScoreUser"/> fills.</summary>
    int ItemCount { get; }

    /// <summary>Writes the score of every item for <paramref name="user"/> into <paramref name="scores"/> (length <see cref="ItemCount"/>).</summary>
    void ScoreUser(int user, Span<float> scores);
}
