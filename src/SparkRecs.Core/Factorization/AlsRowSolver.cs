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
    private readonly float[] _decoded;
    private readonly RowPanel? _fast;

    /// <summary>
    /// Allocates the scratch for rank <paramref name="rank"/>; <paramref name="useKernels"/> selects the
    /// vectorised panel path (<see cref="RowPanel"/>) over the <see cref="System.Numerics.Tensors.TensorPrimitives"/>
    /// reference path, and is ignored where <see cref="FactorKernels.IsSupported"/> is false.
    /// </summary>
    /// <param name="rank">The factor rank <c>k</c>.</param>
    /// <param name="useKernels">Whether to use the vectorised path where supported.</param>
    /// <param name="panelBytes">Its panel size (<see cref="RowPanel.DefaultPanelBytes"/>); tests lower it to reach the assembled path.</param>
    /// <param name="decodeLength">
    /// The longest row whose values are stored as codes (<see cref="AlsSide.LongestRow"/> of the encoded
    /// sides, 0 when none is): the reference path decodes whole rows into a buffer this long. The
    /// vectorised path decodes a panel's worth at a time and needs no such buffer.
    /// </param>
    public AlsRowSolver(int rank, bool useKernels = true, int panelBytes = RowPanel.DefaultPanelBytes, int decodeLength = 0)
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
        _decoded = new float[_fast is null ? decodeLength : 0];
    }

    /// <summary>Bytes of every scratch buffer this worker holds (its panel included).</summary>
    public long MemoryBytes =>
        ScratchBytes.Of(_matrix, _vector, _solution, _rightHandSide, _cgScratch, _decoded)
        + _equation.MemoryBytes + _nonnegative.MemoryBytes + (_fast?.MemoryBytes ?? 0L);

    /// <summary>The lowest failed row this worker met since <see cref="ClearFailure"/>, if any.</summary>
    public RowFailure? Failure { get; private set; }

    /// <summary>Forgets the previous sweep's failure.</summary>
    public void ClearFailure() => Failure = null;

    /// <summary>
    /// Solves rows <c>[start, end)</c> of the sweep (one chunk), and records the chunk's share of the
    /// objective, summed in row order, when the sweep tracks it.
    /// </summary>
    public void SolveRows(AlsSweep sweep, int start, int end)
    {
        double loss = 0d;
        for (int row = start; row < end; row++)
        {
            loss += SolveRow(sweep, row);
        }
        if (sweep.Loss != SweepLoss.None)
        {
            sweep.RecordLoss(start, loss);
        }
    }

    /// <summary>Solves one row; returns its share of the objective (<see cref="AlsSweep.Loss"/>), 0 when not tracked.</summary>
    private double SolveRow(AlsSweep sweep, int row)
    {
        var x = sweep.Target.Row(row);
        if (sweep.Side.EvidenceCounts[row] == 0)
        {
            // Zero factors score 0 everywhere: no ridge term, and every observation term c p^2 is 0
            // (explicit rows without evidence have no observations; implicit ones no positive value).
            x.Clear();
            return 0d;
        }

        var options = sweep.Options;
        float ridge = sweep.Side.Ridge[row];
        RowFailureKind? failure = null;
        var columns = sweep.Side.Ratings.RowIndices(row);
        ReadOnlySpan<float> values = default;
        if (_fast is { } fast)
        {
            failure = SolveFast(fast, sweep, row, x);
        }
        else if (options.Nonnegative || options.Solver == AlsSolver.Cholesky)
        {
            values = sweep.Side.Ratings.RowValues(row, 0, columns.Length, _decoded);
            Accumulate(sweep, columns, values);
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
            values = sweep.Side.Ratings.RowValues(row, 0, columns.Length, _decoded);
            var matrix = new RowNormalOperator(sweep.Gram, sweep.Fixed, columns, values, options.Implicit, options.Alpha, ridge);
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
            return 0d; // Training stops with this failure; the loss is never reported.
        }
        return sweep.Loss switch
        {
            SweepLoss.None => 0d,
            SweepLoss.Ridge => RidgeTerm(ridge, x),
            _ => (_fast is { } panel ? panel.ObservationLossOfLastRow(sweep, row, x) : ObservationTerms(sweep, columns, values, x)) + RidgeTerm(ridge, x),
        };
    }

    private static double RidgeTerm(float ridge, ReadOnlySpan<float> x) => (double)ridge * TensorPrimitives.Dot(x, x);

    /// <summary>The row's observation terms scored afresh from the fixed side's factors, as <see cref="AlsObjective"/> does.</summary>
    private static double ObservationTerms(AlsSweep sweep, ReadOnlySpan<int> columns, ReadOnlySpan<float> values, ReadOnlySpan<float> x)
    {
        bool isImplicit = sweep.Options.Implicit;
        double alpha = sweep.Options.Alpha;
        double sum = 0d;
        for (int n = 0; n < columns.Length; n++)
        {
            sum += ObservationLoss.Term(values[n], TensorPrimitives.Dot(sweep.Fixed.Row(columns[n]), x), isImplicit, alpha);
        }
        return sum;
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

    private void Accumulate(AlsSweep sweep, ReadOnlySpan<int> columns, ReadOnlySpan<float> values)
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
