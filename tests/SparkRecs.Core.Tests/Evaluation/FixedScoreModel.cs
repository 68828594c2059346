using SparkRecs.Core.Recommend;

namespace SparkRecs.Core.Tests.Evaluation;

/// <summary>A scoring model backed by a fixed user x item score table, for hand-computed cases.</summary>
internal sealed class FixedScoreModel(string name, float[][] scores) : IScoringModel
{
    public string Name { get; } = name;

    public int UserCount => scores.Length;

    public int ItemCount => scores.Length == 0 ? 0 : scores[0].Length;

    public void ScoreUser(int user, Span<float> destination) => scores[user].CopyTo(destination);

    /// <summary>Every user gets the same scores.</summary>
    internal static FixedScoreModel Same(string name, int users, params float[] itemScores)
        => new(name, Enumerable.Range(0, users).Select(_ => (float[])itemScores.Clone()).ToArray());
}
