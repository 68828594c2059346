namespace SparkRecs.Core.Factorization;

/// <summary>
/// What one ALS iteration (a user sweep followed by an item sweep) did, for progress logs and benchmarks.
/// </summary>
/// <param name="Iteration">1-based iteration number.</param>
/// <param name="Loss">
/// The training objective after this iteration, or <see cref="double.NaN"/> when
/// <see cref="AlsOptions.ComputeLoss"/> is off. Explicit: <c>sum over observed (r_ui - x_u.y_i)^2</c>
/// plus regularization. Implicit: <c>sum over every (u, i) of c_ui (p_ui - x_u.y_i)^2</c> plus
/// regularization, where unobserved pairs have <c>c = 1, p = 0</c>. The regularization is
/// <c>lambda * (sum_u w_u |x_u|^2 + sum_i w_i |y_i|^2)</c> with <c>w</c> the row's count of
/// observations (positive ones when implicit) if scaled, else 1. It is exactly the function each sweep
/// minimises, so with the Cholesky solver it never increases (up to float rounding). It is added up
/// during the sweeps (see <see cref="AlsTrainer"/>), and agrees with a separate evaluation on the
/// final factors to the float rounding of the scores' dot products (about 1e-8 relative).
/// </param>
/// <param name="UserSweep">
/// Wall time to solve every user row, including the item Gram matrix the implicit kind needs unless
/// the previous iteration computed it for its loss (then it is in that iteration's <paramref name="Elapsed"/>).
/// </param>
/// <param name="ItemSweep">Wall time to solve every item row (including the user Gram matrix the implicit kind needs).</param>
/// <param name="Elapsed">
/// Wall time from the start of the first iteration to the end of this one, the loss's share included
/// (input checks and initialisation, both <c>O(nnz + (m + n) k)</c>, are not counted).
/// </param>
public sealed record AlsIterationReport(int Iteration, double Loss, TimeSpan UserSweep, TimeSpan ItemSweep, TimeSpan Elapsed);
