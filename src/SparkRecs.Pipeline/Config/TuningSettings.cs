using SparkRecs.Core.Errors;
using SparkRecs.Core.Evaluation.Tuning;
using SparkRecs.Core.Factorization;

namespace SparkRecs.Pipeline.Config;

/// <summary>
/// The <c>tuning</c> section: a search over ALS parameters on the validation cutoff
/// (T_v = T - horizon), never on the test window. The chosen parameters replace the <c>als</c>
/// section's for the evaluated model and the served one. List keys are null by default because the
/// configuration binder appends to, rather than replaces, an array that already has values.
/// </summary>
public sealed class TuningSettings
{
    /// <summary>Run the search (<c>tuning:enabled</c>).</summary>
    public bool Enabled { get; set; }

    /// <summary><c>grid</c> (every combination) or <c>random</c> (seeded sample) (<c>tuning:search</c>).</summary>
    public string Search { get; set; } = "grid";

    /// <summary>Trials of a random search (<c>tuning:randomTrials</c>).</summary>
    public int RandomTrials { get; set; } = 20;

    /// <summary>The metric that picks the winner on the validation window (<c>tuning:selectionMetric</c>).</summary>
    public string SelectionMetric { get; set; } = "ndcg@10";

    /// <summary>Ranks to try (<c>tuning:ranks</c>); default: <c>als:rank</c>.</summary>
    public int[]? Ranks { get; set; }

    /// <summary>Regularization values to try (<c>tuning:regParams</c>); default: <c>als:regParam</c>.</summary>
    public float[]? RegParams { get; set; }

    /// <summary>Confidence weights to try (<c>tuning:alphas</c>); default: <c>als:alpha</c>.</summary>
    public float[]? Alphas { get; set; }

    /// <summary>Iteration counts to try (<c>tuning:iterations</c>); default: <c>als:iterations</c>.</summary>
    public int[]? Iterations { get; set; }

    /// <summary>Log-uniform range of regParam for random search, <c>[min, max]</c> (<c>tuning:regParamRange</c>).</summary>
    public double[]? RegParamRange { get; set; }

    /// <summary>Log-uniform range of alpha for random search, <c>[min, max]</c> (<c>tuning:alphaRange</c>).</summary>
    public double[]? AlphaRange { get; set; }

    /// <summary>Validation horizon in days; 0 = the test window's length (<c>tuning:horizonDays</c>).</summary>
    public double HorizonDays { get; set; }

    /// <summary>The search space, with every unset list taken from the base ALS options.</summary>
    public AlsSearchSpace ToSpace(AlsOptions als) => new()
    {
        Ranks = Ranks ?? [als.Rank],
        RegParams = RegParams ?? [als.RegParam],
        Alphas = Alphas ?? [als.Alpha],
        Iterations = Iterations ?? [als.Iterations],
        Solvers = [als.Solver],
        ScaleRegularizationByCount = [als.ScaleRegularizationByCount],
        RegParamRange = Range(RegParamRange, "tuning:regParamRange"),
        AlphaRange = Range(AlphaRange, "tuning:alphaRange"),
    };

    /// <summary>Checks every key; throws a <see cref="ConfigurationException"/> naming the first bad one.</summary>
    public void Validate(AlsOptions als, EvaluationSettings evaluation)
    {
        if (!Enabled)
        {
            return;
        }
        if (Search is not ("grid" or "random"))
        {
            throw new ConfigurationException("tuning:search", $"'{Search}' is not a search; use 'grid' or 'random'.");
        }
        if (HorizonDays < 0)
        {
            throw new ConfigurationException("tuning:horizonDays", $"{HorizonDays} is negative; use 0 for the test window's length.");
        }
        if (!evaluation.Enabled)
        {
            throw new ConfigurationException("tuning:enabled", "tuning needs the evaluation: set evaluation:enabled to true.");
        }
        ToSpace(als).Validate();
    }

    private static LogUniformRange? Range(double[]? values, string key) => values switch
    {
        null => null,
        [double min, double max] => new LogUniformRange(min, max),
        _ => throw new ConfigurationException(key, "give two numbers, [min, max]."),
    };
}
