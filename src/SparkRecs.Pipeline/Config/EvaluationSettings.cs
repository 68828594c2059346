using SparkRecs.Core.Errors;
using SparkRecs.Core.Evaluation;

namespace SparkRecs.Pipeline.Config;

/// <summary>
/// The <c>evaluation</c> section: the offline protocol (see the README's evaluation section and the
/// exact definitions it follows). Turned into <see cref="EvaluationOptions"/> for the library.
/// </summary>
public sealed class EvaluationSettings
{
    /// <summary>Run the evaluation at all (<c>evaluation:enabled</c>); without it the gate cannot pass unless disabled too.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Cutoffs K of the top-K metrics (<c>evaluation:ks</c>); [5, 10, 20] when unset.</summary>
    /// <remarks>Null by default: the configuration binder appends to an existing array instead of replacing it.</remarks>
    public int[]? Ks { get; set; }

    /// <summary>The cutoffs in force.</summary>
    public int[] EffectiveKs => Ks is { Length: > 0 } ks ? ks : [5, 10, 20];

    /// <summary>
    /// What makes a test event relevant: <c>rating</c> (value &gt;= <see cref="RelevanceThreshold"/>,
    /// for explicit ratings) or <c>event</c> (any interaction; with a threshold, weight &gt;= it)
    /// (<c>evaluation:relevance</c>).
    /// </summary>
    public string Relevance { get; set; } = "event";

    /// <summary>Threshold for <see cref="Relevance"/>; default 4 for ratings, none for events (<c>evaluation:relevanceThreshold</c>).</summary>
    public float? RelevanceThreshold { get; set; }

    /// <summary>Exponent eta of the popularity propensity (<c>evaluation:propensityEta</c>).</summary>
    public double PropensityEta { get; set; } = 0.5;

    /// <summary>Lower clip of the propensity (<c>evaluation:propensityMin</c>).</summary>
    public double PropensityMin { get; set; } = 0.01;

    /// <summary>Bootstrap resamples for the 95% intervals (<c>evaluation:bootstrapResamples</c>).</summary>
    public int BootstrapResamples { get; set; } = 1000;

    /// <summary>Evaluate a seeded sample of at most this many users; 0 = all (<c>evaluation:maxUsers</c>).</summary>
    public int MaxUsers { get; set; } = 20_000;

    /// <summary>User activity segments (4 = quartiles) (<c>evaluation:segments</c>).</summary>
    public int Segments { get; set; } = 4;

    /// <summary>
    /// Keep relevant test items that did not exist before the cutoff in |R_u| as misses (the design's
    /// rule, default) or drop them (how the MovieLens calibration table was measured) (<c>evaluation:coldItemsAsMisses</c>).
    /// </summary>
    public bool ColdItemsAsMisses { get; set; } = true;

    /// <summary>Evaluate the item-kNN baseline too (<c>evaluation:itemKnn</c>); popularity always runs.</summary>
    public bool ItemKnn { get; set; } = true;

    /// <summary>Neighbours per item of the item-kNN baseline (<c>evaluation:itemKnnNeighbors</c>).</summary>
    public int ItemKnnNeighbors { get; set; } = 100;

    /// <summary>The library options for this section.</summary>
    public EvaluationOptions ToOptions(int threads, long seed) => new()
    {
        Ks = EffectiveKs,
        Relevance = Relevance == "rating" ? RelevanceRule.Ratings(RelevanceThreshold ?? 4f) : RelevanceRule.Events(RelevanceThreshold),
        PropensityEta = PropensityEta,
        PropensityMin = PropensityMin,
        BootstrapResamples = BootstrapResamples,
        MaxUsers = MaxUsers > 0 ? MaxUsers : null,
        Segments = Segments,
        ColdItemsAsMisses = ColdItemsAsMisses,
        Threads = threads,
        Seed = unchecked((ulong)seed),
    };

    /// <summary>Checks every key; throws a <see cref="ConfigurationException"/> naming the first bad one.</summary>
    public void Validate()
    {
        if (Relevance is not ("rating" or "event"))
        {
            throw new ConfigurationException("evaluation:relevance", $"'{Relevance}' is not a relevance rule; use 'rating' (explicit ratings >= threshold) or 'event' (any interaction).");
        }
        if (MaxUsers < 0)
        {
            throw new ConfigurationException("evaluation:maxUsers", $"{MaxUsers} is negative; use 0 for all users.");
        }
        if (ItemKnnNeighbors < 1)
        {
            throw new ConfigurationException("evaluation:itemKnnNeighbors", $"{ItemKnnNeighbors} must be at least 1.");
        }
        ToOptions(1, 0).Validate();
    }
}
