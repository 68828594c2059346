using System.Text.Json.Serialization;
using SparkRecs.Core.Errors;
using SparkRecs.Core.Factorization;

namespace SparkRecs.Core.Evaluation.Tuning;

/// <summary>
/// The ALS hyper-parameters <see cref="AlsTuner"/> may try. Bound from the <c>tuning</c> section of
/// the job config; each property's key is <c>tuning:</c> plus its camelCase name.
/// </summary>
/// <remarks>
/// <para><b>Grid search</b> tries every combination of the lists (the ranges are not used): the grid
/// has |Ranks| x |RegParams| x |Alphas| x |Iterations| x |Solvers| x |ScaleRegularizationByCount|
/// points, so keep the lists short.</para>
/// <para><b>Random search</b> draws each trial independently: rank, iterations, solver and scaling
/// uniformly from their lists; regularization and alpha log-uniformly from
/// <see cref="RegParamRange"/> and <see cref="AlphaRange"/> when set, else uniformly from their
/// lists. Every other option (implicit or explicit, CG steps, non-negativity, seed, threads) comes
/// from the base options of <see cref="AlsTuningOptions"/>.</para>
/// <para>Alpha only matters for implicit feedback: when the base options are explicit, keep
/// <see cref="Alphas"/> at one value, or every alpha trains the same model again.</para>
/// </remarks>
public sealed record AlsSearchSpace
{
    /// <summary>Numbers of latent factors to try. Default [32].</summary>
    [JsonPropertyName("ranks")]
    public IReadOnlyList<int> Ranks { get; init; } = [32];

    /// <summary>Regularization values for the grid (and random search when <see cref="RegParamRange"/> is unset). Default [0.1].</summary>
    [JsonPropertyName("reg_params")]
    public IReadOnlyList<float> RegParams { get; init; } = [0.1f];

    /// <summary>Range random search draws regularization from, log-uniformly. Null: pick from <see cref="RegParams"/>.</summary>
    [JsonPropertyName("reg_param_range")]
    public LogUniformRange? RegParamRange { get; init; }

    /// <summary>Implicit confidence slopes for the grid (and random search when <see cref="AlphaRange"/> is unset). Default [1].</summary>
    [JsonPropertyName("alphas")]
    public IReadOnlyList<float> Alphas { get; init; } = [1f];

    /// <summary>Range random search draws alpha from, log-uniformly. Null: pick from <see cref="Alphas"/>.</summary>
    [JsonPropertyName("alpha_range")]
    public LogUniformRange? AlphaRange { get; init; }

    /// <summary>Iteration counts to try. Default [15].</summary>
    [JsonPropertyName("iterations")]
    public IReadOnlyList<int> Iterations { get; init; } = [15];

    /// <summary>Row solvers to try. Default [Cholesky]: exact solves, so trials differ only by their parameters.</summary>
    [JsonPropertyName("solvers")]
    public IReadOnlyList<AlsSolver> Solvers { get; init; } = [AlsSolver.Cholesky];

    /// <summary>Regularization scaling by row count to try (null = ALS's default for the feedback type). Default [null].</summary>
    [JsonPropertyName("scale_regularization_by_count")]
    public IReadOnlyList<bool?> ScaleRegularizationByCount { get; init; } = [null];

    /// <summary>Number of grid points (the product of the list lengths).</summary>
    public long GridSize => (long)Ranks.Count * RegParams.Count * Alphas.Count * Iterations.Count * Solvers.Count * ScaleRegularizationByCount.Count;

    /// <summary>Checks every list and range, naming the configuration key at fault.</summary>
    /// <exception cref="ConfigurationException">A list is empty or holds a value ALS rejects, or a range is invalid.</exception>
    public void Validate()
    {
        NotEmpty(Ranks, "tuning:ranks", "[16, 32, 64]");
        NotEmpty(RegParams, "tuning:regParams", "[1, 10, 100]");
        NotEmpty(Alphas, "tuning:alphas", "[1, 5, 40]");
        NotEmpty(Iterations, "tuning:iterations", "[15]");
        NotEmpty(Solvers, "tuning:solvers", "[\"Cholesky\"]");
        NotEmpty(ScaleRegularizationByCount, "tuning:scaleRegularizationByCount", "[null]");
        if (Ranks.Any(r => r is < 1 or > AlsOptions.MaxRank))
        {
            throw new ConfigurationException("tuning:ranks", $"every rank must be between 1 and {AlsOptions.MaxRank}; got [{string.Join(", ", Ranks)}].");
        }
        if (RegParams.Any(r => !float.IsFinite(r) || r < 0))
        {
            throw new ConfigurationException("tuning:regParams", $"every value must be a finite number >= 0; got [{string.Join(", ", RegParams)}].");
        }
        if (Alphas.Any(a => !float.IsFinite(a) || a < 0))
        {
            throw new ConfigurationException("tuning:alphas", $"every value must be a finite number >= 0; got [{string.Join(", ", Alphas)}].");
        }
        if (Iterations.Any(i => i < 1))
        {
            throw new ConfigurationException("tuning:iterations", $"every iteration count must be at least 1; got [{string.Join(", ", Iterations)}].");
        }
        if (Solvers.Any(s => !Enum.IsDefined(s)))
        {
            throw new ConfigurationException("tuning:solvers", $"every solver must be one of {string.Join(", ", Enum.GetNames<AlsSolver>())}.");
        }
        RegParamRange?.Validate("tuning:regParamRange");
        AlphaRange?.Validate("tuning:alphaRange");
    }

    private static void NotEmpty<T>(IReadOnlyList<T> values, string key, string example)
    {
        if (values is null || values.Count == 0)
        {
            throw new ConfigurationException(key, $"give at least one value to try (e.g. {example}).");
        }
    }
}
