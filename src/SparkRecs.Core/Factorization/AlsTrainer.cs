using System.Diagnostics;
using System.Numerics.Tensors;
using SparkRecs.Core.Errors;
using SparkRecs.Core.Sparse;

namespace SparkRecs.Core.Factorization;

/// <summary>
/// Alternating least squares matrix factorisation on one machine: learns user factors
/// <c>x_u</c> and item factors <c>y_i</c> (rank <c>k</c>, float32) so that <c>x_u . y_i</c> predicts
/// a rating (explicit) or a preference (implicit).
/// </summary>
/// <remarks>
/// <para><b>Objectives.</b> With <c>s_ui = x_u . y_i</c>, <c>n_u</c>/<c>n_i</c> the row counts and
/// <c>lambda_u = lambda n_u</c> when regularization is scaled by count (ALS-WR, Zhou et al. 2008;
/// Spark's behaviour), else <c>lambda_u = lambda</c>:</para>
/// <list type="bullet">
/// <item>Explicit: <c>min sum over observed (r_ui - s_ui)^2 + sum_u lambda_u |x_u|^2 + sum_i lambda_i |y_i|^2</c>.</item>
/// <item>Implicit (Hu, Koren &amp; Volinsky 2008): preference <c>p_ui = 1[r_ui &gt; 0]</c>, confidence
/// <c>c_ui = 1 + alpha |r_ui|</c> (1 for unobserved pairs), and
/// <c>min sum over ALL (u, i) of c_ui (p_ui - s_ui)^2 + the same regularization</c>. Negative values
/// are treated as Spark does: confident evidence of non-preference (<c>p = 0</c>, <c>c = 1 + alpha |r|</c>).
/// For implicit data the counts <c>n_u</c> are the numbers of positive values.</item>
/// </list>
/// <para><b>Normal equations.</b> Fixing the items makes each user an independent ridge regression:
/// explicit <c>(Y_u^T Y_u + lambda_u I) x_u = Y_u^T r_u</c> over the user's items; implicit
/// <c>(Y^T Y + Y_u^T (C_u - I) Y_u + lambda_u I) x_u = Y_u^T C_u p_u</c>, where <c>Y^T Y</c> (all
/// items, confidence 1) is computed once per sweep so each row only pays for its observations.
/// Then the same for items with users fixed. Rows without evidence (no values; no positive values
/// for implicit) get zero factors, the minimiser of their objective. Each sweep is an exact
/// minimisation over one side (Cholesky), so the objective (<see cref="AlsIterationReport.Loss"/>)
/// never increases.</para>
/// <para><b>Solvers and costs</b> per iteration, for <c>m</c> users, <c>n</c> items and
/// <c>nnz</c> observations. <see cref="AlsSolver.Cholesky"/> accumulates each row's <c>k x k</c>
/// system (<see cref="NormalEquation"/>, float) and factors it in double: about
/// <c>nnz k^2 + (m + n) k^3 / 3</c> (implicit adds <c>(m + n) k^2</c> for the Gram matrices and
/// copies). <see cref="AlsSolver.ConjugateGradient"/> never forms the system: <c>s</c> =
/// <see cref="AlsOptions.CgSteps"/> steps warm-started from the previous factors, each step one
/// matrix-free product, about <c>(1 + s)(2 (m + n) k^2 + 8 k nnz)</c> (Takacs, Pilaszy &amp; Tikk
/// 2011). A CG step never increases a row's quadratic, so the objective still descends, but a sweep
/// is not an exact minimisation. <see cref="AlsOptions.Nonnegative"/> assembles the system as
/// Cholesky does and solves it under <c>x &gt;= 0</c> (<see cref="NonNegativeLeastSquares"/>:
/// projected coordinate descent, then an exact Cholesky solve on the positive coordinates), warm-started
/// from the previous factors so the objective still never increases.</para>
/// <para><b>Kernels.</b> Where the processor has AVX2 and FMA (<see cref="FactorKernels.IsSupported"/>)
/// each worker solves rows with <see cref="RowPanel"/>: the row's observed factor rows are gathered
/// once (with software prefetch) into a zero-padded panel that the conjugate-gradient products
/// (<see cref="FactorKernels"/>, <see cref="PaddedConjugateGradient"/>) then stream from cache; rows
/// longer than the panel, and every Cholesky row, are assembled by a register-tiled SYRK
/// (<see cref="RankUpdateKernel"/>) and factored by <see cref="CholeskyKernel"/>; <c>Y^T Y</c> comes
/// from <see cref="GramKernel"/>. Elsewhere the <see cref="System.Numerics.Tensors.TensorPrimitives"/>
/// path (<see cref="NormalEquation"/>, <see cref="RowNormalOperator"/>, <see cref="CholeskySolver"/>)
/// runs; tests hold the two to the same results up to float rounding.</para>
/// <para><b>Determinism.</b> Starting factors come from a hash of (seed, side, row); each row's solve
/// reads only the other side's factors, the shared Gram matrix (summed in fixed blocks) and its own
/// previous factors, and writes only its own row. The result is bit-identical for a fixed seed on a
/// given machine, whatever <see cref="AlsOptions.Threads"/> is. (This relies on every reduction, in
/// the kernels and in TensorPrimitives, summing in an order fixed by the lengths alone, not by memory
/// alignment; tests pin it.)</para>
/// <para><b>Memory.</b> Beyond the factors, training holds the user x item matrix (the caller's
/// <see cref="CsrMatrix"/>, 8 bytes per non-zero), its item x user transpose, 8 bytes per row for the
/// evidence counts and ridges, and a fixed scratch per worker (<see cref="AlsWorkingSet"/>, reported
/// in <see cref="AlsModel.WorkingSet"/>). The transpose is a <see cref="CompactCsrMatrix"/> unless the
/// caller passes a float one: interaction values take few distinct values, so it stores a one-byte
/// code per non-zero (5 bytes with its index) and the solvers decode a slice of a row at a time into
/// their scratch. Decoding is exact, so both forms train bit-identical models.</para>
/// <para><b>Loss.</b> With <see cref="AlsOptions.ComputeLoss"/> the objective is added up during the
/// sweeps rather than in a pass of its own (<see cref="AlsObjective"/>, which it is tested against):
/// each user adds its ridge term when solved; each item, right after its solve, adds its ridge term
/// and its observed pairs' terms (<see cref="ObservationLoss"/>), scored against the user rows its
/// solve has just gathered into cache (an item with more observations than the panel holds, a few
/// per data set, gathers them once more, see <see cref="RowPanel.ObservationLossOfLastRow"/>); the
/// implicit kind's unobserved-pairs term <c>sum_i y_i^T (X^T X) y_i</c> is the Frobenius product
/// <c>&lt;X^T X, Y^T Y&gt;</c>, with <c>Y^T Y</c> the Gram matrix the next user sweep needs anyway.</para>
/// <para><b>Failure.</b> After each sweep every row is checked; a non-finite row (or a singular
/// Cholesky system) stops training with a <see cref="TrainingException"/> naming the iteration,
/// side, row and what to change. Inputs with NaN or infinity are refused before training.</para>
/// <para>References: Y. Hu, Y. Koren, C. Volinsky, "Collaborative Filtering for Implicit Feedback
/// Datasets", ICDM 2008. Y. Zhou, D. Wilkinson, R. Schreiber, R. Pan, "Large-scale Parallel
/// Collaborative Filtering for the Netflix Prize", AAIM 2008. G. Takacs, I. Pilaszy, D. Tikk,
/// "Applications of the Conjugate Gradient Method for Implicit Feedback Collaborative Filtering",
/// RecSys 2011.</para>
/// </remarks>
public static class AlsTrainer
{
    /// <summary>
    /// Trains a model on <paramref name="userItem"/> (users x items), building the item x user
    /// transpose it also needs in compact form (<see cref="CompactCsrMatrix.TransposeOf"/>, about 5
    /// bytes per non-zero, never a float copy) and dropping it afterwards.
    /// </summary>
    /// <param name="userItem">Observed values, users x items.</param>
    /// <param name="options">Hyper-parameters; validated first.</param>
    /// <param name="onIteration">Called after every iteration with its loss and timings (on the calling thread).</param>
    /// <param name="ct">Checked between chunks of rows.</param>
    /// <exception cref="ConfigurationException">An option is out of range.</exception>
    /// <exception cref="DataException">There are no observations.</exception>
    /// <exception cref="TrainingException">An input value is not finite, or training diverged.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> fired.</exception>
    public static AlsModel Fit(CsrMatrix userItem, AlsOptions options, Action<AlsIterationReport>? onIteration = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(userItem);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        TrainingInput.Validate(userItem);
        var itemUser = CompactCsrMatrix.TransposeOf(userItem);
        return Run(userItem, itemUser, itemUser.MemoryBytes, options, onIteration, useKernels: true, RowPanel.DefaultPanelBytes, ct);
    }

    /// <summary>
    /// Trains a model on <paramref name="userItem"/> and its compact transpose <paramref name="itemUser"/>
    /// (<see cref="CompactCsrMatrix.TransposeOf"/>), for callers that train several models on one matrix.
    /// </summary>
    /// <inheritdoc cref="Fit(CsrMatrix, CsrMatrix, AlsOptions, Action{AlsIterationReport}?, CancellationToken)" path="/param"/>
    /// <inheritdoc cref="Fit(CsrMatrix, CsrMatrix, AlsOptions, Action{AlsIterationReport}?, CancellationToken)" path="/exception"/>
    public static AlsModel Fit(CsrMatrix userItem, CompactCsrMatrix itemUser, AlsOptions options, Action<AlsIterationReport>? onIteration = null, CancellationToken ct = default)
        => Train(userItem, itemUser, options, onIteration, useKernels: true, RowPanel.DefaultPanelBytes, ct);

    /// <summary>
    /// Trains a model on <paramref name="userItem"/> (users x items) and its float transpose
    /// <paramref name="itemUser"/> (items x users, from <see cref="CsrMatrix.Transpose"/>). The same
    /// model as the other overloads, with 3 more bytes per non-zero held by the caller.
    /// </summary>
    /// <param name="userItem">Observed values, users x items.</param>
    /// <param name="itemUser">The same values, items x users.</param>
    /// <param name="options">Hyper-parameters; validated first.</param>
    /// <param name="onIteration">Called after every iteration with its loss and timings (on the calling thread).</param>
    /// <param name="ct">Checked between chunks of rows.</param>
    /// <exception cref="ConfigurationException">An option is out of range.</exception>
    /// <exception cref="ArgumentException">The two matrices are not each other's transpose in shape.</exception>
    /// <exception cref="DataException">There are no observations.</exception>
    /// <exception cref="TrainingException">An input value is not finite, or training diverged.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> fired.</exception>
    public static AlsModel Fit(CsrMatrix userItem, CsrMatrix itemUser, AlsOptions options, Action<AlsIterationReport>? onIteration = null, CancellationToken ct = default)
        => Train(userItem, itemUser, options, onIteration, useKernels: true, RowPanel.DefaultPanelBytes, ct);

    /// <summary>
    /// <see cref="Fit(CsrMatrix, CsrMatrix, AlsOptions, Action{AlsIterationReport}?, CancellationToken)"/>
    /// with a choice of row solver: the vectorised kernels (<see cref="RowPanel"/>, used where the
    /// processor supports them) or the <see cref="System.Numerics.Tensors.TensorPrimitives"/> reference
    /// path, so tests can hold one against the other, and of the vectorised path's panel size
    /// (<see cref="RowPanel.DefaultPanelBytes"/>), so tests can also reach its assembled path for long rows.
    /// </summary>
    internal static AlsModel Train(CsrMatrix userItem, CsrMatrix itemUser, AlsOptions options, Action<AlsIterationReport>? onIteration, bool useKernels, int panelBytes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(userItem);
        ArgumentNullException.ThrowIfNull(itemUser);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        TrainingInput.Validate(userItem, itemUser);
        return Run(userItem, CompactCsrMatrix.Wrap(itemUser), itemUser.MemoryBytes, options, onIteration, useKernels, panelBytes, ct);
    }

    /// <summary>As <see cref="Train(CsrMatrix, CsrMatrix, AlsOptions, Action{AlsIterationReport}?, bool, int, CancellationToken)"/> with a compact transpose.</summary>
    internal static AlsModel Train(CsrMatrix userItem, CompactCsrMatrix itemUser, AlsOptions options, Action<AlsIterationReport>? onIteration, bool useKernels, int panelBytes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(userItem);
        ArgumentNullException.ThrowIfNull(itemUser);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        TrainingInput.Validate(userItem, itemUser);
        return Run(userItem, itemUser, itemUser.MemoryBytes, options, onIteration, useKernels, panelBytes, ct);
    }

    /// <summary>Trains on validated inputs; <paramref name="itemUserBytes"/> is what the transpose holds, for <see cref="AlsWorkingSet"/>.</summary>
    private static AlsModel Run(CsrMatrix userItem, CompactCsrMatrix itemUser, long itemUserBytes, AlsOptions options, Action<AlsIterationReport>? onIteration, bool useKernels, int panelBytes, CancellationToken ct)
    {
        var userSide = new AlsSide(userItem, options);
        var itemSide = new AlsSide(itemUser, options);
        int rank = options.Rank;
        var users = new FactorMatrix(userItem.Rows, rank);
        var items = new FactorMatrix(userItem.Columns, rank);
        FactorInitializer.Fill(users, options.Seed, FactorInitializer.UserSide, options.Nonnegative);
        FactorInitializer.Fill(items, options.Seed, FactorInitializer.ItemSide, options.Nonnegative);

        // More workers than chunks of rows would only hold scratch memory (k^2 floats and 2 k^2 doubles each).
        int workerCount = Math.Min(options.Threads, AlsSweep.ChunkCount(Math.Max(users.Rows, items.Rows)));
        int decodeLength = Math.Max(userSide.IsEncoded ? userSide.LongestRow : 0, itemSide.IsEncoded ? itemSide.LongestRow : 0);
        var workers = new AlsRowSolver[workerCount];
        for (int w = 0; w < workers.Length; w++)
        {
            workers[w] = new AlsRowSolver(rank, useKernels, panelBytes, decodeLength);
        }
        var itemGram = options.Implicit ? new GramMatrix(items.Rows, rank) : null;
        var userGram = options.Implicit ? new GramMatrix(users.Rows, rank) : null;
        bool tracksLoss = options.ComputeLoss;
        var userLoss = tracksLoss ? new double[AlsSweep.ChunkCount(users.Rows)] : [];
        var itemLoss = tracksLoss ? new double[AlsSweep.ChunkCount(items.Rows)] : [];
        var workingSet = new AlsWorkingSet(
            userItem.NonZeros, userItem.MemoryBytes, itemUserBytes,
            userSide.PerRowBytes + itemSide.PerRowBytes + ScratchBytes.Of(userLoss, itemLoss),
            workers.Sum(w => w.MemoryBytes) + (itemGram?.MemoryBytes ?? 0L) + (userGram?.MemoryBytes ?? 0L),
            ScratchBytes.Of(users.Data, items.Data));

        var history = new List<AlsIterationReport>(options.Iterations);
        var clock = Stopwatch.StartNew();
        bool itemGramIsCurrent = false;
        for (int iteration = 1; iteration <= options.Iterations; iteration++)
        {
            ct.ThrowIfCancellationRequested();
            var start = clock.Elapsed;
            if (!itemGramIsCurrent)
            {
                itemGram?.Compute(items, options.Threads, ct);
            }
            var userSweep = new AlsSweep(userSide, items, users, itemGram, options, tracksLoss ? SweepLoss.Ridge : SweepLoss.None, userLoss);
            ThrowIfFailed(userSweep.Run(workers, ct), iteration, "user", userItem, options);
            var afterUsers = clock.Elapsed;

            userGram?.Compute(users, options.Threads, ct);
            var itemSweep = new AlsSweep(itemSide, users, items, userGram, options, tracksLoss ? SweepLoss.ObservationsAndRidge : SweepLoss.None, itemLoss);
            ThrowIfFailed(itemSweep.Run(workers, ct), iteration, "item", userItem, options);
            var afterItems = clock.Elapsed;

            double loss = double.NaN;
            itemGramIsCurrent = false;
            if (tracksLoss)
            {
                loss = userSweep.LossTotal() + itemSweep.LossTotal();
                if (itemGram is not null)
                {
                    // sum_i y_i^T (X^T X) y_i = <X^T X, Y^T Y>; the next user sweep reuses Y^T Y.
                    itemGram.Compute(items, options.Threads, ct);
                    itemGramIsCurrent = true;
                    loss += TensorPrimitives.Dot<double>(userGram!.Full, itemGram.Full);
                }
                if (!double.IsFinite(loss))
                {
                    throw new TrainingException(
                        $"ALS diverged in iteration {iteration}: the training loss is {loss} although every factor is finite. "
                        + Advice(userItem, options));
                }
            }
            var report = new AlsIterationReport(iteration, loss, afterUsers - start, afterItems - afterUsers, clock.Elapsed);
            history.Add(report);
            onIteration?.Invoke(report);
        }
        return new AlsModel(users, items, options, history.AsReadOnly(), workingSet);
    }

    private static void ThrowIfFailed(RowFailure? failure, int iteration, string side, CsrMatrix userItem, AlsOptions options)
    {
        if (failure is not { } f)
        {
            return;
        }
        string what = f.Kind switch
        {
            RowFailureKind.NotPositiveDefinite => $"the normal equations of {side} {f.Row} are not positive definite (a Cholesky pivot was <= 0 or NaN)",
            RowFailureKind.NonFiniteSystem => $"the normal equations of {side} {f.Row} hold NaN or infinity (a confidence or value too large for float)",
            _ => $"the factors of {side} {f.Row} are not finite (NaN, infinity, or a squared norm beyond float range)",
        };
        throw new TrainingException($"ALS diverged in iteration {iteration}, {side} sweep: {what}. " + Advice(userItem, options));
    }

    private static string Advice(CsrMatrix userItem, AlsOptions options)
    {
        var (largest, user, item) = TrainingInput.LargestMagnitude(userItem);
        string alpha = options.Implicit ? $", lower als:alpha (now {options.Alpha})" : "";
        return $"Try a larger als:regParam (now {options.RegParam}){alpha}, and check the input for huge values "
            + $"(the largest |value| is {largest:G6}, user {user}, item {item}; cap or log-scale counts).";
    }
}
