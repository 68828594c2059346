using BenchmarkDotNet.Attributes;
using SparkRecs.Core.Factorization;

namespace SparkRecs.Benchmarks.Kernels;

/// <summary>
/// The Cholesky solve of one row's assembled system in double (factorisation, about <c>k^3 / 6</c>
/// multiply-adds, then the two triangular solves): the reference <c>CholeskySolver</c> (lower
/// triangle, one <c>TensorPrimitives.Dot</c> per entry) against the right-looking
/// <c>CholeskyKernel</c> (upper triangle, four pivot rows per trailing update). Both start every
/// invocation from a fresh copy of the same system (a row of the synthetic workload, so its
/// conditioning is the real one); the copy is part of both times.
/// </summary>
public class CholeskyBenchmarks
{
    private double[] _system = null!;
    private double[] _rightHandSide = null!;
    private double[] _work = null!;
    private double[] _solution = null!;

    /// <summary>The factor rank k.</summary>
    [Params(64, 128)]
    public int Rank { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var workload = new RowWorkload(Rank, AlsSolver.Cholesky);
        _system = new double[Rank * Rank];
        _rightHandSide = new double[Rank];
        new RowPanel(Rank).AssembleDouble(workload.Sweep, 0, workload.Sweep.PaddedGram, _system, _rightHandSide, workload.Sweep.Side.Ridge[0]);
        _work = new double[Rank * Rank];
        _solution = new double[Rank];
    }

    [Benchmark(Baseline = true, Description = "Cholesky solve: reference (dot per entry)")]
    public double Reference()
    {
        Restart();
        return CholeskySolver.Solve(_work, _solution, Rank) + _solution[^1];
    }

    [Benchmark(Description = "Cholesky solve: right-looking kernel")]
    public double Kernel()
    {
        Restart();
        return CholeskyKernel.Solve(_work, _solution, Rank) + _solution[^1];
    }

    private void Restart()
    {
        _system.CopyTo(_work, 0);
        _rightHandSide.CopyTo(_solution, 0);
    }
}
