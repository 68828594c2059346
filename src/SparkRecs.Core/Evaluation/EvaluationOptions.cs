using SparkRecs.Core.Errors;

namespace SparkRecs.Core.Evaluation;

/// <summary>
/// Settings of one offline evaluation. Every report repeats them, because numbers are only
/// comparable when K, the relevance threshold and the propensity model are the same.
/// </summary>
public sealed record EvaluationOptions
{
    /// <summary>Cutoffs K of the top-K metrics; the evaluator ranks max(K) items per user.</summary>
    public IReadOnlyList<int> Ks { get; init; } = [5, 10, 20];

    /// <summary>Which test events are relevant. Default: ratings &gt;= 4.</summary>
    public RelevanceRule Relevance { get; init; } = RelevanceRule.Ratings();

    /// <summary>
    /// True (default, the evaluation design): relevant test items that did not exist in training stay
    /// in |R_u| as misses. False drops them from R_u, as studies that restrict the test to items known
    /// at training time do (the calibration table of the design was measured that way). Either way
    /// their count and share are reported.
    /// </summary>
    public bool ColdItemsAsMisses { get; init; } = true;

    /// <summary>Exponent eta of the popularity propensity p_i = (n_i / max n)^eta. Default 0.5 (Saito et al.).</summary>
    public double PropensityEta { get; init; } = 0.5;

    /// <summary>Lower clip p_min of the propensity (a weight of at most 1 / p_min). Default 0.01. Must be positive: items absent from training have n_i = 0 and would otherwise get an infinite weight (pass unclipped propensities through <see cref="ItemPropensity.FromValues"/>).</summary>
    public double PropensityMin { get; init; } = 0.01;

    /// <summary>
    /// Exponent of the position propensity p_k = (1/k)^eta_pos, multiplied into the popularity
    /// propensity for test events that carry a display position. Null: positions are ignored.
    /// </summary>
    public double? PositionEta { get; init; }

    /// <summary>Bootstrap resamples over users for the 95% intervals (at least 1000 for reports).</summary>
    public int BootstrapResamples { get; init; } = 1000;

    /// <summary>Seed of every random choice (bootstrap, user sample), so a rerun gives the same numbers.</summary>
    public ulong Seed { get; init; } = 20261122;

    /// <summary>Worker threads; 0 uses every core.</summary>
    public int Threads { get; init; }

    /// <summary>When set, a seeded random sample of at most this many evaluable users is evaluated (for huge test sets).</summary>
    public int? MaxUsers { get; init; }

    /// <summary>Number of user activity segments (by training count); 4 gives quartiles.</summary>
    public int Segments { get; init; } = 4;

    /// <summary>Share of items, most popular first by training count, that form the "head" for the long-tail share. Default 0.2.</summary>
    public double HeadItemShare { get; init; } = 0.2;

    /// <summary>Below this many evaluable users a report carries a low-power warning.</summary>
    public int MinUsersForPower { get; init; } = 200;

    /// <summary>The largest K.</summary>
    public int MaxK => Ks.Max();

    /// <summary>Checks every setting, naming the offending configuration key.</summary>
    /// <exception cref="ConfigurationException">A setting is out of range.</exception>
    public void Validate()
    {
        if (Ks.Count == 0 || Ks.Any(k => k < 1))
        {
            throw new ConfigurationException("evaluation:ks", "give at least one cutoff K, each >= 1 (e.g. [5, 10, 20]).");
        }
        if (Ks.Distinct().Count() != Ks.Count)
        {
            throw new ConfigurationException("evaluation:ks", $"cutoffs must be distinct, got [{string.Join(", ", Ks)}].");
        }
        if (!(PropensityEta >= 0) || double.IsInfinity(PropensityEta))
        {
            throw new ConfigurationException("evaluation:propensityEta", $"must be a finite number >= 0 (default 0.5), got {PropensityEta}.");
        }
        if (!(PropensityMin > 0 && PropensityMin <= 1))
        {
            throw new ConfigurationException("evaluation:propensityMin", $"must be in (0, 1] (default 0.01: a weight of at most 100), got {PropensityMin}.");
        }
        if (PositionEta is double pe && !(pe >= 0 && !double.IsInfinity(pe)))
        {
            throw new ConfigurationException("evaluation:positionEta", $"must be a finite number >= 0 or unset, got {pe}.");
        }
        if (BootstrapResamples < 1)
        {
            throw new ConfigurationException("evaluation:bootstrapResamples", $"must be >= 1 (use 1000 or more for reports), got {BootstrapResamples}.");
        }
        if (Threads < 0)
        {
            throw new ConfigurationException("evaluation:threads", $"must be >= 0 (0 = all cores), got {Threads}.");
        }
        if (MaxUsers is < 1)
        {
            throw new ConfigurationException("evaluation:maxUsers", $"must be >= 1 or unset, got {MaxUsers}.");
        }
        if (Segments < 1)
        {
            throw new ConfigurationException("evaluation:segments", $"must be >= 1 (4 = activity quartiles), got {Segments}.");
        }
        if (!(HeadItemShare > 0 && HeadItemShare < 1))
        {
            throw new ConfigurationException("evaluation:headItemShare", $"must be strictly between 0 and 1 (default 0.2), got {HeadItemShare}.");
        }
    }

    internal int EffectiveThreads => Threads == 0 ? Environment.ProcessorCount : Threads;
}
