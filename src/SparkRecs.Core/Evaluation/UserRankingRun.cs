using SparkRecs.Core.Recommend;
using SparkRecs.Core.Sparse;

namespace SparkRecs.Core.Evaluation;

/// <summary>
/// The parallel per-user pass of <see cref="RankingEvaluator"/>: rank each evaluable user's
/// candidates, derive the inverse-propensity weights of its relevant items, and write every metric
/// column, the top list and the weight sums at the user's row. Each row depends only on its user.
/// </summary>
internal sealed class UserRankingRun(
    IScoringModel model, CsrMatrix train, UserTestSets sets, EvaluationOptions options, ItemPropensity propensity,
    bool[] isCandidate, double[][] columns, TopNLists top)
{
    private readonly double[] _discounts = UserMetrics.Discounts(options.MaxK);

    /// <summary>Sum of the weights of each user's relevant items.</summary>
    internal double[] WeightSum { get; } = new double[sets.UserCount];

    /// <summary>Sum of the squared weights of each user's relevant items.</summary>
    internal double[] WeightSquares { get; } = new double[sets.UserCount];

    /// <summary>Largest weight of each user's relevant items.</summary>
    internal double[] WeightMax { get; } = new double[sets.UserCount];

    /// <summary>
    /// Ranks every user. One worker per thread, each with its own scratch, takes users
    /// t, t + T, t + 2T, ...: interleaving balances light and heavy users, and scratch is allocated
    /// exactly once per worker.
    /// </summary>
    internal void RankAll()
    {
        int n = sets.UserCount;
        int maxRelevant = 0;
        for (int k = 0; k < n; k++)
        {
            maxRelevant = Math.Max(maxRelevant, sets.RelevantCount(k));
        }
        int workers = Math.Max(1, Math.Min(options.EffectiveThreads, n));
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, t =>
        {
            var scratch = new Scratch(model.ItemCount, options.MaxK, maxRelevant);
            for (int k = t; k < n; k += workers)
            {
                RankUser(scratch, k);
            }
        });
    }

    private void RankUser(Scratch scratch, int k)
    {
        int user = sets.Users[k];
        int warmStart = sets.WarmOffsets[k];
        int warm = sets.WarmOffsets[k + 1] - warmStart;
        int coldStart = sets.ColdOffsets[k];
        int relevant = warm + sets.ColdOffsets[k + 1] - coldStart;
        var warmItems = sets.WarmItems.AsSpan(warmStart, warm);
        var ranks = scratch.Ranks.AsSpan(0, relevant);
        var below = scratch.Below.AsSpan(0, relevant);
        var weights = scratch.Weights.AsSpan(0, relevant);
        int nonRelevant = scratch.Ranker.Rank(model, user, train.RowIndices(user), warmItems, isCandidate,
            ranks[..warm], below[..warm], top.Items(k));

        double sum = 0;
        double squares = 0;
        double max = 0;
        for (int r = 0; r < relevant; r++)
        {
            double p;
            if (r < warm)
            {
                p = propensity.Of(warmItems[r]) * sets.WarmPositionPropensity[warmStart + r];
            }
            else
            {
                // Cold items: never recommendable, a miss with the cold-item propensity.
                p = propensity.Cold * sets.ColdPositionPropensity[coldStart + r - warm];
                ranks[r] = UserRanker.Unranked;
                below[r] = 0;
            }
            double w = 1.0 / p;
            weights[r] = w;
            sum += w;
            squares += w * w;
            max = Math.Max(max, w);
        }
        WeightSum[k] = sum;
        WeightSquares[k] = squares;
        WeightMax[k] = max;
        UserMetrics.Compute(options.Ks, _discounts, ranks, below, weights, nonRelevant, columns, k, scratch.SortedWeights);
    }

    /// <summary>Per-worker buffers sized once for the largest user.</summary>
    private sealed class Scratch(int items, int maxK, int maxRelevant)
    {
        internal UserRanker Ranker { get; } = new(items, maxK);

        internal int[] Ranks { get; } = new int[maxRelevant];

        internal int[] Below { get; } = new int[maxRelevant];

        internal double[] Weights { get; } = new double[maxRelevant];

        internal double[] SortedWeights { get; } = new double[maxRelevant];
    }
}
