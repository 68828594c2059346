using SparkRecs.Core.Recommend;
using SparkRecs.Core.Sparse;

namespace SparkRecs.Core.Tests.Evaluation;

/// <summary>The most-popular baseline for evaluation tests: every user gets each item's training user count.</summary>
internal sealed class PopularityScorer(CsrMatrix train) : IScoringModel
{
    private readonly float[] _counts = Core.Evaluation.ItemPropensity.TrainingCounts(train).Select(c => (float)c).ToArray();

    public string Name => "popularity";

    public int UserCount { get; } = train.Rows;

    public int ItemCount => _counts.Length;

    public void ScoreUser(int user, Span<float> scores) => _counts.CopyTo(scores);
}
