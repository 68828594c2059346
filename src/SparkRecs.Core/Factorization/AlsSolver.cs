namespace SparkRecs.Core.Factorization;

/// <summary>How <see cref="AlsTrainer"/> solves each row's normal equations.</summary>
public enum AlsSolver
{
    /// <summary>
    /// Exact: assemble the row's k x k normal equations and factor them with Cholesky.
    /// Costs about <c>nnz * k^2 + rows * k^3 / 3</c> per sweep. Each sweep minimises the objective
    /// exactly over one side, so the loss never increases.
    /// </summary>
    Cholesky,

    /// <summary>
    /// Approximate: a few conjugate-gradient steps (<see cref="AlsOptions.CgSteps"/>) warm-started
    /// from the previous factors, without ever forming the k x k matrix (Takacs et al. 2011).
    /// Costs about <c>(1 + s) * (2 * rows * k^2 + 4 * k * nnz)</c> per sweep for s steps: much
    /// cheaper than Cholesky for ranks above ~20, at the price of an inexact (but still descending) solve.
    /// </summary>
    ConjugateGradient,
}
