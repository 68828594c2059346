namespace SparkRecs.Core.Factorization;

internal sealed partial class RowPanel
{
    private bool _lastAssembled;
    private double _observedConstant;

    /// <summary>
    /// The observation terms of the objective (<see cref="ObservationLoss"/>) of the row this panel
    /// solved last, <paramref name="row"/>, at its new factors <paramref name="x"/>; valid right after
    /// that row's solve, before the next one.
    /// </summary>
    /// <remarks>
    /// A row solved matrix-free from the panel still has its observed factor rows there: the scores
    /// <c>s_i = x . y_i</c> are dots with rows streamed from cache (<see cref="FactorKernels.PanelDots"/>),
    /// and the terms are summed in double as <see cref="AlsObjective"/> does. An assembled row (a long one, every Cholesky or non-negative
    /// row) has its system <c>S = G + sum w_i y_i y_i^T</c> and <c>b</c> in the scratch: its terms
    /// are <c>x^T (S - G) x - 2 b . x + sum Constant</c> for <c>O(k^2)</c>, without reading the
    /// observations again (the constants were summed while gathering). That form carries the float
    /// rounding of <c>S</c>'s accumulation, about 1e-7 of each entry per thousand observations.
    /// </remarks>
    public double ObservationLossOfLastRow(AlsSweep sweep, int row, ReadOnlySpan<float> x)
    {
        var options = sweep.Options;
        if (_lastAssembled)
        {
            ReadOnlySpan<float> gram = sweep.PaddedGram;
            return ObservationLoss.FromSystem(_system, gram, _padded, _b, x) + _observedConstant;
        }
        int count = sweep.Side.Ratings.RowLength(row);
        var values = sweep.Side.Ratings.RowValues(row, 0, count, _decoded);
        // _x is the solution zero-padded to kp, as the panel rows are.
        FactorKernels.PanelDots(_panel, count, _x, _scores, _padded);
        bool isImplicit = options.Implicit;
        double alpha = options.Alpha;
        double sum = 0d;
        for (int n = 0; n < count; n++)
        {
            sum += ObservationLoss.Term(values[n], _scores[n], isImplicit, alpha);
        }
        return sum;
    }

    /// <summary>Adds the score-independent terms of <paramref name="values"/> to the assembled row's constant.</summary>
    private void AddObservedConstants(ReadOnlySpan<float> values, AlsOptions options)
    {
        double sum = 0d;
        foreach (float value in values)
        {
            sum += ObservationLoss.Constant(value, options.Implicit, options.Alpha);
        }
        _observedConstant += sum;
    }
}
