using SparkRecs.Core.Recommend;

namespace SparkRecs.Core.Evaluation;

/// <summary>
/// The evaluation of one model on one split: per-user metric vectors (kept for bootstrap, paired
/// comparisons and segments), their means with 95% bootstrap intervals, beyond-accuracy metrics,
/// propensity weight diagnostics and per-segment results.
/// </summary>
public sealed class ModelEvaluation
{
    private readonly int[] _users;
    private readonly double[][] _columns;
    private readonly Dictionary<string, int> _columnIndex;

    internal ModelEvaluation(
        string model, EvaluationOptions options, TestSetCounts counts, int[] users, IReadOnlyList<string> columnNames,
        double[][] columns, IReadOnlyDictionary<string, MetricEstimate> metrics, IReadOnlyList<BeyondAccuracyMetrics> beyondAccuracy,
        PropensityWeightSummary weights, IReadOnlyList<SegmentEvaluation> segments, TopNLists topLists,
        double[] trainingPopularityCurve, double[] recommendedPopularityCurve)
    {
        Model = model;
        Options = options;
        Counts = counts;
        _users = users;
        MetricColumns = columnNames;
        _columns = columns;
        _columnIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int c = 0; c < columnNames.Count; c++)
        {
            _columnIndex[columnNames[c]] = c;
        }
        Metrics = metrics;
        BeyondAccuracy = beyondAccuracy;
        Weights = weights;
        Segments = segments;
        TopLists = topLists;
        TrainingPopularityCurve = trainingPopularityCurve;
        RecommendedPopularityCurve = recommendedPopularityCurve;
    }

    /// <summary>The model's report name.</summary>
    public string Model { get; }

    /// <summary>The options used.</summary>
    public EvaluationOptions Options { get; }

    /// <summary>How test events became per-user relevant sets.</summary>
    public TestSetCounts Counts { get; }

    /// <summary>Train-space ids of the evaluated users, ascending; per-user vectors are aligned with it.</summary>
    public ReadOnlySpan<int> Users => _users;

    /// <summary>Number of evaluated users.</summary>
    public int UserCount => _users.Length;

    /// <summary>True when fewer users than <see cref="EvaluationOptions.MinUsersForPower"/> (200) were evaluated: differences between models are unlikely to be resolved.</summary>
    public bool LowPower => _users.Length < Options.MinUsersForPower;

    /// <summary>Names of the per-user metric columns (see <see cref="MetricNames"/>).</summary>
    public IReadOnlyList<string> MetricColumns { get; }

    /// <summary>Mean and 95% bootstrap interval of every column.</summary>
    public IReadOnlyDictionary<string, MetricEstimate> Metrics { get; }

    /// <summary>Coverage, exposure Gini, ARP, long-tail share and novelty per K.</summary>
    public IReadOnlyList<BeyondAccuracyMetrics> BeyondAccuracy { get; }

    /// <summary>Concentration of the inverse-propensity weights.</summary>
    public PropensityWeightSummary Weights { get; }

    /// <summary>Results per user activity segment, least active first.</summary>
    public IReadOnlyList<SegmentEvaluation> Segments { get; }

    /// <summary>Each evaluated user's top max(K) list (row k belongs to <c>Users[k]</c>), padded with -1.</summary>
    public TopNLists TopLists { get; }

    /// <summary>Share of training interactions per popularity bucket (20 equal item slices, most popular first).</summary>
    public IReadOnlyList<double> TrainingPopularityCurve { get; }

    /// <summary>Share of recommendation slots per popularity bucket, same buckets as <see cref="TrainingPopularityCurve"/>.</summary>
    public IReadOnlyList<double> RecommendedPopularityCurve { get; }

    /// <summary>The per-user values of one metric column, aligned with <see cref="Users"/>.</summary>
    /// <exception cref="ArgumentException">No such column; the message lists the available ones.</exception>
    public ReadOnlySpan<double> PerUser(string metric) => _columns[ColumnIndex(metric)];

    /// <summary>Whether a metric column exists.</summary>
    public bool HasMetric(string metric) => _columnIndex.ContainsKey(metric);

    private int ColumnIndex(string metric)
    {
        if (!_columnIndex.TryGetValue(metric, out int c))
        {
            throw new ArgumentException($"No metric '{metric}' in the evaluation of '{Model}'; available: {string.Join(", ", MetricColumns)}.", nameof(metric));
        }
        return c;
    }
}
