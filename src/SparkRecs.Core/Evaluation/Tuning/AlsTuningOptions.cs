using SparkRecs.Core.Data;
using SparkRecs.Core.Errors;
using SparkRecs.Core.Factorization;
using SparkRecs.Core.Sparse;

namespace SparkRecs.Core.Evaluation.Tuning;

/// <summary>How <see cref="AlsTuner"/> searches and how it scores a trial. Config keys: <c>tuning:</c> plus the camelCase name.</summary>
public sealed record AlsTuningOptions
{
    /// <summary>Grid or random search. Default grid.</summary>
    public SearchKind Search { get; init; } = SearchKind.Grid;

    /// <summary>Random search: how many distinct points to try. Default 20.</summary>
    public int RandomTrials { get; init; } = 20;

    /// <summary>Random search: seed of the draws; equal seeds try equal points. Default 20261123.</summary>
    public ulong Seed { get; init; } = 20261123;

    /// <summary>
    /// The metric column trials are ranked by, higher is better: a naive one ("ndcg@10",
    /// "recall@20") or an inverse-propensity one ("snips:ndcg@10"); K must be one of
    /// <see cref="Evaluation"/>'s cutoffs. Default "ndcg@10".
    /// </summary>
    public string SelectionMetric { get; init; } = "ndcg@10";

    /// <summary>
    /// Every ALS option the search space does not set (implicit or explicit, CG steps, non-negativity,
    /// factor seed, threads). Default: ALS's defaults without the per-iteration loss (tuning does not
    /// read it).
    /// </summary>
    public AlsOptions BaseOptions { get; init; } = new() { ComputeLoss = false };

    /// <summary>
    /// How each trial is evaluated on the validation window: K, relevance, cold items, propensities,
    /// bootstrap. Use the settings of the final test evaluation so the selection optimises what is
    /// reported. Default: <see cref="EvaluationOptions"/>'s defaults.
    /// </summary>
    public EvaluationOptions Evaluation { get; init; } = new();

    /// <summary>
    /// Builds the user x item training matrix from the validation split's training table (value
    /// preprocessing is the caller's: <see cref="TrainingMatrix.Raw"/>, <see cref="TrainingMatrix.Binary"/>
    /// or anything else in the table's id space). Default <see cref="TrainingMatrix.Raw"/>.
    /// </summary>
    public Func<InteractionTable, CsrMatrix> BuildMatrix { get; init; } = TrainingMatrix.Raw;

    /// <summary>Checks the settings, naming the configuration key at fault.</summary>
    /// <exception cref="ConfigurationException">A setting is out of range or the selection metric is not computed.</exception>
    public void Validate()
    {
        if (!Enum.IsDefined(Search))
        {
            throw new ConfigurationException("tuning:search", $"must be Grid or Random; got {(int)Search}.");
        }
        if (RandomTrials < 1)
        {
            throw new ConfigurationException("tuning:randomTrials", $"must be at least 1 (10 to 60 is usual); got {RandomTrials}.");
        }
        ArgumentNullException.ThrowIfNull(BaseOptions);
        ArgumentNullException.ThrowIfNull(Evaluation);
        ArgumentNullException.ThrowIfNull(BuildMatrix);
        BaseOptions.Validate();
        Evaluation.Validate();
        var columns = MetricNames.Columns(Evaluation.Ks);
        if (string.IsNullOrEmpty(SelectionMetric) || !columns.Contains(SelectionMetric, StringComparer.Ordinal))
        {
            throw new ConfigurationException("tuning:selectionMetric",
                $"'{SelectionMetric}' is not computed with evaluation:ks [{string.Join(", ", Evaluation.Ks)}]; choose one of {string.Join(", ", columns)}.");
        }
    }
}
