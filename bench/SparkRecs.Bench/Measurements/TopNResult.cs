using SparkRecs.Bench.Gemm;

namespace SparkRecs.Bench.Measurements;

/// <summary>The figures of one top-N measurement (<see cref="TopNMeasurement"/>).</summary>
/// <param name="Users">Users whose lists were computed.</param>
/// <param name="Items">Items of the catalogue.</param>
/// <param name="Rank">The factor rank k.</param>
/// <param name="N">List length.</param>
/// <param name="Threads">Threads of top-N and of both GEMMs.</param>
/// <param name="Seconds">Wall seconds of each top-N run.</param>
/// <param name="ProcessorSeconds">Processor seconds (all threads) of each run.</param>
/// <param name="Checksum">FNV-1a hash of every list: equal checksums mean identical lists.</param>
/// <param name="Numpy">numpy's GEMM before and after top-N, or null when it could not run.</param>
/// <param name="CSharp">The C# blocked GEMM before and after top-N.</param>
internal sealed record TopNResult(
    int Users, int Items, int Rank, int N, int Threads,
    Timings Seconds, Timings ProcessorSeconds, ulong Checksum,
    GemmMeasurement? Numpy, GemmMeasurement CSharp)
{
    /// <summary>Flops of the product <c>scores = U V^T</c> top-N does without storing it: <c>2 m n k</c>.</summary>
    public double Flops => 2.0 * Users * Items * Rank;
}
