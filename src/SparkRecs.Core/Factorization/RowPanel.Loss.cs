using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace SparkRecs.Core.Factorization;

internal sealed partial class RowPanel
{
    private bool _panelHoldsRow;

    /// <summary>
    /// The observation terms of the objective (<see cref="ObservationLoss"/>) of the row this panel
    /// solved last, <paramref name="row"/>, at its new factors <paramref name="x"/>; valid right after
    /// that row's solve, before the next one.
    /// </summary>
    /// <remarks>
    /// A row that fits the panel still has its observed factor rows there after the solve (the
    /// matrix-free path gathers it whole; the assembled path keeps its tiles side by side when the
    /// loss is tracked): its scores <c>s_i = x . y_i</c> are dots with rows streamed from cache
    /// (<see cref="FactorKernels.PanelDots"/>). A longer row (a popular item, at most a few dozen
    /// per data set) is gathered again, a panel at a time, with the same prefetching as the solve.
    /// Every score is thus computed afresh from the factors, as <see cref="AlsObjective"/> computes
    /// it, and the terms are summed in double: the two agree to float rounding of the dot products.
    /// </remarks>
    public double ObservationLossOfLastRow(AlsSweep sweep, int row, ReadOnlySpan<float> x)
    {
        int kp = _padded;
        x.CopyTo(_x);
        _x.AsSpan(_rank).Clear();
        var ratings = sweep.Side.Ratings;
        int count = ratings.RowLength(row);
        double sum = 0d;
        for (int start = 0; start < count; start += _capacity)
        {
            int chunk = Math.Min(_capacity, count - start);
            if (!_panelHoldsRow)
            {
                CopyFactorRows(ratings.RowIndices(row).Slice(start, chunk), sweep.Fixed.Data);
            }
            FactorKernels.PanelDots(_panel, chunk, _x, _scores, kp);
            sum += Terms(ratings.RowValues(row, start, chunk, _decoded), sweep.Options);
        }
        return sum;
    }

    /// <summary>Sums the terms of <paramref name="values"/> scored <c>_scores</c>.</summary>
    private double Terms(ReadOnlySpan<float> values, AlsOptions options)
    {
        bool isImplicit = options.Implicit;
        double alpha = options.Alpha;
        double sum = 0d;
        for (int n = 0; n < values.Length; n++)
        {
            sum += ObservationLoss.Term(values[n], _scores[n], isImplicit, alpha);
        }
        return sum;
    }

    /// <summary>Copies the factor rows <paramref name="columns"/> into the first panel rows (the padding stays zero).</summary>
    private unsafe void CopyFactorRows(ReadOnlySpan<int> columns, float[] factors)
    {
        int k = _rank;
        int kp = _padded;
        int rowBytes = k * sizeof(float);
        fixed (float* basePointer = factors)
        {
            for (int n = 0; n < columns.Length; n++)
            {
                PrefetchAhead(basePointer, columns, n, k, rowBytes);
                factors.AsSpan(columns[n] * k, k).CopyTo(_panel.AsSpan(n * kp, k));
            }
        }
    }
}
