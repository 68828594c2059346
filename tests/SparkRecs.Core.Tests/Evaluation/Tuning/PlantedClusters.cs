using SparkRecs.Core.Data;
using SparkRecs.Core.Evaluation;
using SparkRecs.Core.Evaluation.Tuning;
using SparkRecs.Core.Factorization;

namespace SparkRecs.Core.Tests.Evaluation.Tuning;

/// <summary>
/// A planted tuning problem: three disjoint communities of 20 users, each reading only its own 15
/// items (10 random ones per user, all rated 5), at random times over 100 days. Rank 3 separates the
/// communities exactly; rank 1 gives every user the same ordering (or its reverse), so at least one
/// community is served items it never reads.
/// </summary>
internal static class PlantedClusters
{
    internal const long Day = 86_400_000L;

    /// <summary>Test cutoff T (day 80); the horizon is 10 days, so validation trains before day 70 and validates on days 70 to 80.</summary>
    internal const long TestCutoff = 80 * Day;

    internal const long Horizon = 10 * Day;

    internal static InteractionTable Table(int seed = 7)
    {
        var random = new Random(seed);
        var table = new InteractionTable();
        for (int user = 0; user < 60; user++)
        {
            int community = user / 20;
            var items = Enumerable.Range(community * 15, 15).OrderBy(_ => random.Next()).Take(10);
            foreach (int item in items)
            {
                table.Add($"u{user}", $"i{item}", 5f, random.NextInt64(100 * Day));
            }
        }
        return table;
    }

    internal static EvaluationSplit Validation(InteractionTable all) => TemporalSplit.ValidationSplit(all, TestCutoff, Horizon);

    internal static AlsTuningOptions Options(SearchKind search = SearchKind.Grid, ulong seed = 11) => new()
    {
        Search = search,
        Seed = seed,
        RandomTrials = 4,
        SelectionMetric = "ndcg@5",
        BaseOptions = new AlsOptions { Threads = 1, ComputeLoss = false, Seed = 3 },
        Evaluation = new EvaluationOptions { Ks = [5], Threads = 1, BootstrapResamples = 200 },
        BuildMatrix = TrainingMatrix.Binary,
    };
}
