using SparkRecs.Core.Recommend;
using SparkRecs.Core.Sparse;

namespace SparkRecs.Core.Evaluation;

/// <summary>
/// Full-catalogue offline ranking evaluation of an <see cref="IScoringModel"/> (no sampled negatives:
/// Krichene and Rendle, KDD 2020, show sampled metrics disagree with full ranking).
/// </summary>
/// <remarks>
/// For each evaluable user (warm, with at least one relevant test item that existed in training):
/// score every item, take as candidates the items seen in training minus the user's own training
/// items, rank the candidates (higher score first, ties by lower item id, as top-N does; NaN last),
/// locate each relevant item and compute every metric of <see cref="MetricNames"/> in one pass (see
/// <see cref="UserMetrics"/> for the exact formulas). Users are processed in parallel with per-thread
/// scratch; every result depends only on its user, so the output is the same for any thread count.
/// Inverse-propensity weights use <see cref="ItemPropensity"/> from the training matrix unless given.
/// </remarks>
public static class RankingEvaluator
{
    /// <summary>Evaluates <paramref name="model"/> on <paramref name="test"/>.</summary>
    /// <param name="model">Scores items in the training matrix's id space.</param>
    /// <param name="trainUserItem">The training user x item matrix (from the split's Train table): candidates, seen items, popularity.</param>
    /// <param name="test">The split's test set.</param>
    /// <param name="options">K list, relevance, propensity, bootstrap settings.</param>
    /// <param name="propensity">Optional item propensities; default: the popularity model of the options.</param>
    /// <exception cref="ArgumentException">The model, matrix and test set do not share one id space.</exception>
    public static ModelEvaluation Evaluate(
        IScoringModel model, CsrMatrix trainUserItem, TestSet test, EvaluationOptions options, ItemPropensity? propensity = null)
    {
        options.Validate();
        if (model.ItemCount != trainUserItem.Columns)
        {
            throw new ArgumentException($"Model '{model.Name}' scores {model.ItemCount} items but the training matrix has {trainUserItem.Columns}; train and evaluate on the same split.", nameof(model));
        }
        if (model.UserCount < trainUserItem.Rows)
        {
            throw new ArgumentException($"Model '{model.Name}' knows {model.UserCount} users but the training matrix has {trainUserItem.Rows}; train and evaluate on the same split.", nameof(model));
        }
        var counts = ItemPropensity.TrainingCounts(trainUserItem);
        propensity ??= ItemPropensity.FromTrainingCounts(counts, options.PropensityEta, options.PropensityMin);
        if (propensity.ItemCount != trainUserItem.Columns)
        {
            throw new ArgumentException($"The propensities cover {propensity.ItemCount} items but the training matrix has {trainUserItem.Columns}.", nameof(propensity));
        }
        var sets = UserTestSets.Build(test, trainUserItem, options);
        var popularity = new CatalogPopularity(counts, trainUserItem.Rows, options.HeadItemShare);
        var isCandidate = new bool[counts.Length];
        for (int i = 0; i < counts.Length; i++)
        {
            isCandidate[i] = counts[i] > 0;
        }

        int n = sets.UserCount;
        var columnNames = MetricNames.Columns(options.Ks);
        var columns = new double[columnNames.Count][];
        for (int c = 0; c < columns.Length; c++)
        {
            columns[c] = new double[n];
        }
        int maxK = options.MaxK;
        var top = new TopNLists(n, maxK);
        var run = new UserRankingRun(model, trainUserItem, sets, options, propensity, isCandidate, columns, top);
        run.RankAll();

        var estimates = Bootstrap.MeanIntervals(columns, n, options.BootstrapResamples, options.Seed, options.EffectiveThreads);
        var metrics = new Dictionary<string, MetricEstimate>(StringComparer.Ordinal);
        for (int c = 0; c < columns.Length; c++)
        {
            metrics[columnNames[c]] = estimates[c];
        }
        var all = new int[n];
        for (int k = 0; k < n; k++)
        {
            all[k] = k;
        }
        var beyond = BeyondAll(top, all, options, popularity);
        var weights = PropensityWeightSummary.From(sets.Counts.RelevantItems, run.WeightSum.Sum(), run.WeightSquares.Sum(), n == 0 ? 0 : run.WeightMax.Max());
        var segments = Segment(sets, trainUserItem, options, columnNames, columns, top, popularity);
        return new ModelEvaluation(model.Name, options, sets.Counts, sets.Users, columnNames, columns, metrics, beyond, weights,
            segments, top, popularity.TrainingCurve, BeyondAccuracy.RecommendedCurve(top, popularity));
    }

    private static List<BeyondAccuracyMetrics> BeyondAll(TopNLists top, ReadOnlySpan<int> rows, EvaluationOptions options, CatalogPopularity popularity)
    {
        var list = new List<BeyondAccuracyMetrics>(options.Ks.Count);
        foreach (int k in options.Ks.Order())
        {
            list.Add(BeyondAccuracy.Compute(top, rows, k, popularity));
        }
        return list;
    }

    private static List<SegmentEvaluation> Segment(
        UserTestSets sets, CsrMatrix train, EvaluationOptions options, IReadOnlyList<string> columnNames,
        double[][] columns, TopNLists top, CatalogPopularity popularity)
    {
        int n = sets.UserCount;
        var activity = new int[n];
        for (int k = 0; k < n; k++)
        {
            activity[k] = train.RowLength(sets.Users[k]);
        }
        var segment = ActivitySegments.Assign(activity, sets.Users, options.Segments);
        var result = new List<SegmentEvaluation>(options.Segments);
        for (int s = 0; s < options.Segments; s++)
        {
            var rows = new List<int>();
            int minActivity = int.MaxValue;
            int maxActivity = 0;
            for (int k = 0; k < n; k++)
            {
                if (segment[k] == s)
                {
                    rows.Add(k);
                    minActivity = Math.Min(minActivity, activity[k]);
                    maxActivity = Math.Max(maxActivity, activity[k]);
                }
            }
            if (rows.Count == 0)
            {
                continue;
            }
            var means = new Dictionary<string, double>(StringComparer.Ordinal);
            for (int c = 0; c < columns.Length; c++)
            {
                double sum = 0;
                foreach (int k in rows)
                {
                    sum += columns[c][k];
                }
                means[columnNames[c]] = sum / rows.Count;
            }
            var rowArray = rows.ToArray();
            result.Add(new SegmentEvaluation(ActivitySegments.Name(s, options.Segments), minActivity, maxActivity, rows.Count, means,
                BeyondAll(top, rowArray, options, popularity)));
        }
        return result;
    }
}
