using SparkRecs.Core.Data;
using SparkRecs.Core.Evaluation;
using SparkRecs.Core.Sparse;

namespace SparkRecs.Core.Tests.Evaluation;

/// <summary>Small builders for evaluation tests.</summary>
internal static class EvaluationFixtures
{
    /// <summary>A binary training matrix from (user, item) pairs.</summary>
    internal static CsrMatrix Matrix(int users, int items, params (int User, int Item)[] entries)
        => CsrMatrix.FromCoordinates(users, items,
            entries.Select(e => e.User).ToArray(), entries.Select(e => e.Item).ToArray(),
            entries.Select(_ => 1f).ToArray(), DuplicateEntries.Max);

    /// <summary>A test set from (train user or -1, train item or -1, value) events.</summary>
    internal static TestSet Test(params (int User, int Item, float Value)[] events)
        => new(events.Select(e => e.User).ToArray(), events.Select(e => e.Item).ToArray(),
            events.Select(e => e.Value).ToArray(), events.Select((_, k) => (long)k).ToArray());

    /// <summary>An interaction table from (user key, item key, value, time) rows.</summary>
    internal static InteractionTable Table(params (string User, string Item, float Value, long Time)[] rows)
    {
        var table = new InteractionTable();
        foreach (var (user, item, value, time) in rows)
        {
            table.Add(user, item, value, time);
        }
        return table;
    }

    /// <summary>Options for exact hand cases: one thread, few resamples unless asked.</summary>
    internal static EvaluationOptions Options(params int[] ks)
        => new() { Ks = ks.Length == 0 ? [1, 3, 5] : ks, Threads = 1, BootstrapResamples = 200 };

    /// <summary>
    /// The hand case used by several tests. Three training users over six items; user 0 saw item 0,
    /// users 1 and 2 saw items 1..5, so user 0's candidates are items 1..5 scored 0.9, 0.8, 0.7, 0.6, 0.5
    /// (item 0 scores highest but is excluded as seen). User 0's test: item 2 rated 5, item 5 rated 4
    /// (relevant), item 3 rated 2 (not relevant): relevant ranks 2 and 5 among 5 candidates.
    /// </summary>
    internal static (FixedScoreModel Model, CsrMatrix Train, TestSet Test) HandCase(float[]? user0Scores = null)
    {
        var train = Matrix(3, 6, (0, 0), (1, 1), (1, 2), (1, 3), (2, 3), (2, 4), (2, 5));
        float[] scores = user0Scores ?? [1.0f, 0.9f, 0.8f, 0.7f, 0.6f, 0.5f];
        var model = new FixedScoreModel("hand", [scores, new float[6], new float[6]]);
        var test = Test((0, 2, 5f), (0, 5, 4f), (0, 3, 2f));
        return (model, train, test);
    }
}
