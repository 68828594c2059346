using BenchmarkDotNet.Attributes;
using SparkRecs.Core.Factorization;

namespace SparkRecs.Benchmarks.Kernels;

/// <summary>
/// The Gram matrix <c>Y^T Y</c> of one side's factors, computed once per implicit sweep: the
/// register-tiled double kernel (<c>GramKernel</c>, 4 x 16 tiles) against the reference loop of one
/// <c>TensorPrimitives.MultiplyAdd</c> per factor and row (both in <c>GramMatrix</c>), one thread.
/// </summary>
public class GramBenchmarks
{
    private const int FactorRows = 16_384;

    private FactorMatrix _factors = null!;
    private GramMatrix _reference = null!;
    private GramMatrix _tiled = null!;

    /// <summary>The factor rank k.</summary>
    [Params(64, 128)]
    public int Rank { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _factors = RowWorkload.RandomFactors(FactorRows, Rank, new Random(3));
        _reference = new GramMatrix(FactorRows, Rank, useKernels: false);
        _tiled = new GramMatrix(FactorRows, Rank, useKernels: true);
    }

    [Benchmark(Baseline = true, Description = "Gram 16,384 rows: reference loop")]
    public double Reference()
    {
        _reference.Compute(_factors, 1, CancellationToken.None);
        return _reference.Full[^1];
    }

    [Benchmark(Description = "Gram 16,384 rows: tiled kernel")]
    public double Tiled()
    {
        _tiled.Compute(_factors, 1, CancellationToken.None);
        return _tiled.Full[^1];
    }
}
