using SparkRecs.Core.Evaluation;
using SparkRecs.Core.Sparse;
using static SparkRecs.Core.Tests.Evaluation.EvaluationFixtures;

namespace SparkRecs.Core.Tests.Evaluation;

/// <summary>
/// Many users, one relevant test item each, and models of known quality: an oracle that scores the
/// test item first, its inverse that scores it last, and a noisy oracle that finds it for about
/// half of the users.
/// </summary>
internal static class ComparisonFixtures
{
    internal const int Items = 50;

    internal static (CsrMatrix Train, TestSet Test, int[] Target) Population(int users)
    {
        var entries = new List<(int, int)>();
        for (int u = 0; u < users; u++)
        {
            entries.Add((u, u % 10));
            entries.Add((u, 10 + (u * 7) % 40));
        }
        var train = Matrix(users, Items, [.. entries]);
        var target = Enumerable.Range(0, users).Select(u => 10 + (u * 7 + 1 + u % 3) % 40).ToArray();
        var test = Test(Enumerable.Range(0, users).Select(u => (u, target[u], 5f)).ToArray());
        return (train, test, target);
    }

    internal static FixedScoreModel Oracle(int[] target, string name = "oracle", Func<int, bool>? finds = null)
        => new(name, target.Select((t, u) =>
        {
            var scores = Enumerable.Range(0, Items).Select(i => (float)(i % 13) / 13).ToArray();
            scores[t] = finds is null || finds(u) ? 2f : -1f;
            return scores;
        }).ToArray());

    internal static FixedScoreModel Inverse(int[] target)
        => new("inverse", target.Select(t =>
        {
            var scores = new float[Items];
            scores[t] = -1f;
            return scores;
        }).ToArray());

    internal static ModelEvaluation Evaluate(FixedScoreModel model, CsrMatrix train, TestSet test)
        => RankingEvaluator.Evaluate(model, train, test, new EvaluationOptions { Ks = [10], BootstrapResamples = 1000, Threads = 1 });
}
