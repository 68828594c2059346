using SparkRecs.Core.Errors;
using SparkRecs.Core.Evaluation;

namespace SparkRecs.Pipeline.Config;

/// <summary>
/// The <c>gate</c> section: the rule that decides whether a candidate model may replace what is
/// live. A refused run writes its report and files, publishes nothing, and exits with code 5.
/// </summary>
public sealed class GateSettings
{
    /// <summary>Apply the gate (<c>gate:enabled</c>). Disabled, every evaluated run publishes.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The metric the gate compares, e.g. <c>ndcg@10</c> or <c>snips:ndcg@10</c> (<c>gate:primaryMetric</c>).</summary>
    public string PrimaryMetric { get; set; } = "ndcg@10";

    /// <summary>How much the candidate must beat popularity by, absolute (<c>gate:minLiftOverPopularity</c>).</summary>
    public double MinLiftOverPopularity { get; set; }

    /// <summary>How far below the live model the candidate may fall, absolute (<c>gate:maxDropVsLive</c>).</summary>
    public double MaxDropVsLive { get; set; } = 0.01;

    /// <summary>Require the paired interval vs popularity to clear the margin, not just the mean (<c>gate:requireSignificance</c>).</summary>
    public bool RequireSignificance { get; set; }

    /// <summary>The library options for this section.</summary>
    public QualityGateOptions ToOptions() => new()
    {
        PrimaryMetric = PrimaryMetric,
        MinLiftOverPopularity = MinLiftOverPopularity,
        MaxDropVsLive = MaxDropVsLive,
        RequireSignificance = RequireSignificance,
    };

    /// <summary>Checks every key; throws a <see cref="ConfigurationException"/> naming the first bad one.</summary>
    public void Validate(EvaluationSettings evaluation)
    {
        if (MaxDropVsLive < 0)
        {
            throw new ConfigurationException("gate:maxDropVsLive", $"{MaxDropVsLive} is negative; it is a tolerance, e.g. 0.01.");
        }
        if (Enabled && !evaluation.Enabled)
        {
            throw new ConfigurationException("gate:enabled", "the gate needs the evaluation: set evaluation:enabled to true, or gate:enabled to false.");
        }
        string metric = PrimaryMetric;
        int at = metric.IndexOf('@');
        if (at > 0 && int.TryParse(metric.AsSpan(at + 1), out int k) && !evaluation.EffectiveKs.Contains(k))
        {
            throw new ConfigurationException("gate:primaryMetric", $"'{metric}' uses K = {k}, which is not in evaluation:ks [{string.Join(", ", evaluation.EffectiveKs)}].");
        }
    }
}
