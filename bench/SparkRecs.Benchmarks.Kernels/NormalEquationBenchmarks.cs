using BenchmarkDotNet.Attributes;
using SparkRecs.Core.Factorization;

namespace SparkRecs.Benchmarks.Kernels;

/// <summary>
/// Building one row's normal equations <c>A = Y^T Y + sum_i w_i y_i y_i^T</c>, <c>b = sum_i t_i y_i</c>
/// (100 observations) and writing them in double with the ridge, as the Cholesky path does before
/// factoring: the reference (<c>NormalEquation.Add</c>, one rank-1 update per observation, then
/// <c>CopyTo</c>) against the fast path (<c>RowPanel.AssembleDouble</c>: gather the rows into a
/// panel, register-tiled rank update of <c>RankUpdateKernel</c>). Times are per row.
/// </summary>
public class NormalEquationBenchmarks
{
    private RowWorkload _workload = null!;
    private NormalEquation _equation = null!;
    private RowPanel _panel = null!;
    private double[] _a = null!;
    private double[] _b = null!;

    /// <summary>The factor rank k.</summary>
    [Params(64, 128)]
    public int Rank { get; set; }

    private float[] _values = [];

    [GlobalSetup]
    public void Setup()
    {
        _workload = new RowWorkload(Rank, AlsSolver.Cholesky);
        _equation = new NormalEquation(Rank);
        _panel = new RowPanel(Rank);
        _a = new double[Rank * Rank];
        _b = new double[Rank];
        _values = new float[_workload.Sweep.Side.LongestRow];
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = RowWorkload.Rows, Description = "normal equations, 100 obs: rank-1 updates")]
    public double Reference()
    {
        var sweep = _workload.Sweep;
        var options = sweep.Options;
        for (int row = 0; row < RowWorkload.Rows; row++)
        {
            _equation.Reset(sweep.Gram);
            var columns = sweep.Side.Ratings.RowIndices(row);
            var values = sweep.Side.Ratings.RowValues(row, 0, columns.Length, _values);
            for (int n = 0; n < columns.Length; n++)
            {
                _equation.Add(
                    sweep.Fixed.Row(columns[n]),
                    Confidence.Target(values[n], options.Implicit, options.Alpha),
                    Confidence.Weight(values[n], options.Implicit, options.Alpha));
            }
            _equation.CopyTo(_a, _b, sweep.Side.Ridge[row]);
        }
        return _a[^1] + _b[^1];
    }

    [Benchmark(OperationsPerInvoke = RowWorkload.Rows, Description = "normal equations, 100 obs: panel + tiled rank update")]
    public double Panel()
    {
        var sweep = _workload.Sweep;
        for (int row = 0; row < RowWorkload.Rows; row++)
        {
            _panel.AssembleDouble(sweep, row, sweep.PaddedGram, _a, _b, sweep.Side.Ridge[row]);
        }
        return _a[^1] + _b[^1];
    }
}
