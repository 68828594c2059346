using BenchmarkDotNet.Attributes;
using SparkRecs.Core.Factorization;

namespace SparkRecs.Benchmarks.Kernels;

/// <summary>
/// One implicit ALS row (100 observations) solved by 3 conjugate-gradient steps from its warm
/// start, the whole row as the trainer does it (right-hand side, four products with
/// <c>Y^T Y + sum_i w_i y_i y_i^T + lambda I</c>, vector updates): the reference solver
/// (<c>AlsRowSolver</c> without kernels: <c>RowNormalOperator</c>, factor rows read from the factor
/// matrix in every product) against the fast one (<c>RowPanel</c>: rows gathered once into a panel,
/// fused padded CG). Times are per row; every invocation restarts from the same warm start.
/// </summary>
public class ConjugateGradientBenchmarks
{
    private RowWorkload _workload = null!;
    private AlsRowSolver _reference = null!;
    private AlsRowSolver _fast = null!;

    /// <summary>The factor rank k.</summary>
    [Params(64, 128)]
    public int Rank { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _workload = new RowWorkload(Rank, AlsSolver.ConjugateGradient);
        _reference = new AlsRowSolver(Rank, useKernels: false);
        _fast = new AlsRowSolver(Rank, useKernels: true);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = RowWorkload.Rows, Description = "CG row, 3 steps: reference operator")]
    public float Reference() => Solve(_reference);

    [Benchmark(OperationsPerInvoke = RowWorkload.Rows, Description = "CG row, 3 steps: panel + fused CG")]
    public float Panel() => Solve(_fast);

    private float Solve(AlsRowSolver solver)
    {
        _workload.Restart();
        solver.SolveRows(_workload.Sweep, 0, RowWorkload.Rows);
        return _workload.Target.Data[^1];
    }
}
