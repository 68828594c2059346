using SparkRecs.Core.Errors;

namespace SparkRecs.Core.Factorization;

/// <summary>
/// Hyper-parameters of <see cref="AlsTrainer"/>. Bound from the <c>als</c> section of the job
/// config; every property's config key is <c>als:</c> plus its camelCase name (<c>als:regParam</c>).
/// </summary>
/// <remarks>
/// The defaults suit implicit feedback (clicks, plays, purchases) at rank 32. For star ratings set
/// <see cref="Implicit"/> to <see langword="false"/>; regularization is then scaled by each row's
/// count (ALS-WR) unless <see cref="ScaleRegularizationByCount"/> says otherwise.
/// </remarks>
public sealed record AlsOptions
{
    /// <summary>Largest accepted <see cref="Rank"/>: factors beyond this size belong to the Spark engine.</summary>
    public const int MaxRank = 1024;

    /// <summary>Number of latent factors per user and item (<c>k</c>). Default 32.</summary>
    public int Rank { get; init; } = 32;

    /// <summary>Number of iterations; each solves all users, then all items. Default 15.</summary>
    public int Iterations { get; init; } = 15;

    /// <summary>Regularization strength <c>lambda</c> (&gt;= 0). Default 0.1.</summary>
    public float RegParam { get; init; } = 0.1f;

    /// <summary>
    /// <see langword="true"/>: values are implicit feedback strengths (Hu, Koren &amp; Volinsky 2008);
    /// <see langword="false"/>: values are explicit ratings to predict. Default <see langword="true"/>.
    /// </summary>
    public bool Implicit { get; init; } = true;

    /// <summary>
    /// Implicit only: confidence slope, <c>c_ui = 1 + alpha * |r_ui|</c> (&gt;= 0). Default 1. Larger values
    /// trust observed interactions more relative to the unobserved zeros; Hu et al. found ~40 good
    /// for raw play counts, 1 to 10 suits counts that were log-scaled or capped.
    /// </summary>
    public float Alpha { get; init; } = 1f;

    /// <summary>Per-row least-squares solver. Default <see cref="AlsSolver.ConjugateGradient"/>.</summary>
    public AlsSolver Solver { get; init; } = AlsSolver.ConjugateGradient;

    /// <summary>Conjugate-gradient steps per row and sweep (&gt;= 1). Default 3, enough with warm starts.</summary>
    public int CgSteps { get; init; } = 3;

    /// <summary>
    /// Constrain every factor to be &gt;= 0: each row's normal equations are assembled as for
    /// Cholesky and solved as a non-negative least-squares problem (projected coordinate descent
    /// finished by an exact solve on the positive coordinates); <see cref="Solver"/> is then not
    /// used. Costs about as much as the Cholesky solver, more when many factors sit at zero.
    /// Default <see langword="false"/>.
    /// </summary>
    public bool Nonnegative { get; init; }

    /// <summary>
    /// Multiply <c>lambda</c> by each row's number of observations (ALS-WR, Zhou et al. 2008, as Spark
    /// does): heavy users and popular items get proportionally more shrinkage, so one
    /// <see cref="RegParam"/> works across data sets of different density. <see langword="null"/>
    /// (the default) means: <see langword="true"/> for explicit, <see langword="false"/> for implicit.
    /// </summary>
    /// <remarks>
    /// For implicit feedback the count is the number of positive values in the row (as Spark counts
    /// it). The implicit objective already sums over every item of the catalogue, so the
    /// <c>Y^T Y</c> term conditions each row regardless of its count; scaling then mostly makes the
    /// regularization of heavy users hundreds of times larger than that of light users, which
    /// over-shrinks exactly the users with the most signal unless <see cref="RegParam"/> is retuned.
    /// Hence unscaled (Hu et al.'s formulation, also the <c>implicit</c> library's) is the implicit
    /// default; set it to <see langword="true"/> to match Spark MLlib's numbers.
    /// </remarks>
    public bool? ScaleRegularizationByCount { get; init; }

    /// <summary><see cref="ScaleRegularizationByCount"/> with its default resolved for <see cref="Implicit"/>.</summary>
    public bool EffectiveScaleRegularizationByCount => ScaleRegularizationByCount ?? !Implicit;

    /// <summary>Seed of the factor initialisation; equal seeds give bit-identical models. Default 42.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Worker threads for the sweeps (&gt;= 1). Default: the machine's processor count.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Report the objective after each iteration (<see cref="AlsIterationReport.Loss"/>). It is added
    /// up during the sweeps from factor rows already in cache, plus one extra item Gram matrix per run:
    /// about <c>2 k</c> flops per non-zero, against <c>2 k (s + 1)</c> or more for the solves themselves.
    /// Default <see langword="true"/>.
    /// </summary>
    public bool ComputeLoss { get; init; } = true;

    /// <summary>Checks every value; the message names the config key and what it accepts.</summary>
    /// <exception cref="ConfigurationException">A value is out of range.</exception>
    public void Validate()
    {
        if (Rank is < 1 or > MaxRank)
        {
            throw new ConfigurationException("als:rank", $"must be between 1 and {MaxRank} latent factors; got {Rank}.");
        }
        if (Iterations < 1)
        {
            throw new ConfigurationException("als:iterations", $"must be at least 1; got {Iterations}.");
        }
        if (!float.IsFinite(RegParam) || RegParam < 0f)
        {
            throw new ConfigurationException("als:regParam", $"must be a finite number >= 0 (typically 0.01 to 1); got {RegParam}.");
        }
        if (!float.IsFinite(Alpha) || Alpha < 0f)
        {
            throw new ConfigurationException("als:alpha", $"must be a finite number >= 0 (typically 1 to 40); got {Alpha}.");
        }
        if (!Enum.IsDefined(Solver))
        {
            throw new ConfigurationException("als:solver", $"must be one of {string.Join(", ", Enum.GetNames<AlsSolver>())}; got {(int)Solver}.");
        }
        if (CgSteps < 1)
        {
            throw new ConfigurationException("als:cgSteps", $"must be at least 1 (3 is usual with warm starts); got {CgSteps}.");
        }
        if (Threads < 1)
        {
            throw new ConfigurationException("als:threads", $"must be at least 1 (the machine has {Environment.ProcessorCount} processors); got {Threads}.");
        }
    }
}
