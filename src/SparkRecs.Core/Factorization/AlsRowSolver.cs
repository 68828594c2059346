using System.Numerics.Tensors;

namespace SparkRecs.Core.Factorization;

/// <summary>
/// One worker's solver: the scratch buffers for one row, allocated once per training run and reused
/// for every row the worker solves (no allocation per row).
/// </summary>
internal sealed class AlsRowSolver
{
    private readonly int _rank;
    private readonly NormalEquation _equation;
    private readonly double[] _matrix;
    private readonly double[] _vector;
    private readonly double[] _solution;
    private readonly NonNegativeLeastSquares _nonnegative;
    private readonly float[] _rightHandSide;
    private readonly float[] _cgScratch;
    private readonly RowPanel? _fast;

    /// <summary>
    /// Allocates the scratch for rank <paramref name="rank"/>; <paramref name="useKernels"/> selects the
    /// vectorised panel path (<see cref="RowPanel"/>) over the <see cref="System.Numerics.Tensors.TensorPrimitives"/>
    /// reference path, and is ignored where <see cref="FactorKernels.IsSupported"/> is false.
    /// </summary>
    /// <param name="rank">The factor rank <c>k</c>.</param>
    /// <param name="useKernels">Whether to use the vectorised path where supported.</param>
    /// <param name="panelBytes">Its panel size (<see cref="RowPanel.DefaultPanelBytes"/>); tests lower it to reach the assembled path.</param>
    public AlsRowSolver(int rank, bool useKernels = true, int panelBytes = RowPanel.DefaultPanelBytes)
    {
        _fast = useKernels && FactorKernels.IsSupported ? new RowPanel(rank, panelBytes) : null;
        _rank = rank;
        _equation = new NormalEquation(rank);
        _matrix = new double[rank * rank];
        _vector = new double[rank];
        _solution = new double[rank];
        _nonnegative = new NonNegativeLeastSquares(rank);
        _rightHandSide = new float[rank];
        _cgScratch = new float[ConjugateGradient.ScratchLength(rank)];
    }

    /// <summary>The lowest failed row this worker met since <see cref="ClearFailure"/>, if any.</summary>
    public RowFailure? Failure { get; private set; }

    /// <summary>Forgets the previous sweep's failure.</summary>
    public void ClearFailure() => Failure = null;

    /// <summary>Solves rows <c>[start, end)</c> of the sweep.</summary>
    public void SolveRows(AlsSweep sweep, int start, int end)
    {
        for (int row = start; row < end; row++)
        {
            SolveRow(sweep, row);
        }
    }

    private void SolveRow(AlsSweep sweep, int row)
    {
        var x = sweep.Target.Row(row);
        if (sweep.Side.EvidenceCounts[row] == 0)
        {
            x.Clear();
            return;
        }

        var options = sweep.Options;
        float ridge = sweep.Side.Ridge[row];
        RowFailureKind? failure = null;
        if (_fast is { } fast)
        {
            failure = SolveFast(fast, sweep, row, x);
        }
        else if (options.Nonnegative || options.Solver == AlsSolver.Cholesky)
        {
            Accumulate(sweep, row);
            _equation.CopyTo(_matrix, _vector, ridge);
            if (options.Nonnegative)
            {
                SolveNonnegative(x);
            }
            else if (!SolveCholesky(x))
            {
                failure = RowFailureKind.NotPositiveDefinite;
            }
        }
        else
        {
            var matrix = new RowNormalOperator(sweep.Gram, sweep.Fixed, sweep.Side.Ratings, row, options.Implicit, options.Alpha, ridge);
            matrix.RightHandSide(_rightHandSide);
            if (ConjugateGradient.Solve(ref matrix, _rightHandSide, x, options.CgSteps, _cgScratch) < 0)
            {
                failure = RowFailureKind.NonFiniteSystem;
            }
        }

        if (failure is null && !float.IsFinite(TensorPrimitives.Dot(x, x)))
        {
            // Catches NaN, infinity, and values so large (> ~1e19) that scores would overflow.
            failure = RowFailureKind.NonFiniteFactors;
        }
        if (failure is { } kind)
        {
            RecordFailure(new RowFailure(row, kind));
        }
    }

    private RowFailureKind? SolveFast(RowPanel fast, AlsSweep sweep, int row, Span<float> x)
    {
        var options = sweep.Options;
        ReadOnlySpan<float> gram = sweep.PaddedGram;
        if (options.Nonnegative)
        {
            fast.AssembleDouble(sweep, row, gram, _matrix, _vector, sweep.Side.Ridge[row]);
            SolveNonnegative(x);
            return null;
        }
        if (options.Solver == AlsSolver.Cholesky)
        {
            return fast.SolveCholesky(sweep, row, x, gram) ? null : RowFailureKind.NotPositiveDefinite;
        }
        return fast.SolveConjugateGradient(sweep, row, x, gram) < 0 ? RowFailureKind.NonFiniteSystem : null;
    }

    private void Accumulate(AlsSweep sweep, int row)
    {
        var options = sweep.Options;
        if (sweep.Gram is { } gram)
        {
            _equation.Reset(gram);
        }
        else
        {
            _equation.Reset();
        }
        var columns = sweep.Side.Ratings.RowIndices(row);
        var values = sweep.Side.Ratings.RowValues(row);
        for (int n = 0; n < columns.Length; n++)
        {
            float value = values[n];
            _equation.Add(
                sweep.Fixed.Row(columns[n]),
                Confidence.Target(value, options.Implicit, options.Alpha),
                Confidence.Weight(value, options.Implicit, options.Alpha));
        }
    }

    private bool SolveCholesky(Span<float> x)
    {
        if (CholeskySolver.Solve(_matrix, _vector, _rank) >= 0)
        {
            return false;
        }
        for (int j = 0; j < _rank; j++)
        {
            x[j] = (float)_vector[j];
        }
        return true;
    }

    private void SolveNonnegative(Span<float> x)
    {
        // _vector holds b; the warm start (previous factors) goes through a double copy.
        var solution = _solution;
        for (int j = 0; j < _rank; j++)
        {
            solution[j] = x[j];
        }
        _nonnegative.Solve(_matrix, _vector, solution);
        for (int j = 0; j < _rank; j++)
        {
            x[j] = (float)solution[j];
        }
    }

    private void RecordFailure(RowFailure failure)
    {
        if (Failure is null || failure.Row < Failure.Value.Row)
        {
            Failure = failure;
        }
    }
}
