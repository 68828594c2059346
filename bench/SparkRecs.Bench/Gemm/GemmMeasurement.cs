namespace SparkRecs.Bench.Gemm;

/// <summary>
/// Timed repetitions of one fp32 GEMM <c>C[m x n] = A[m x k] * B[n x k]^T</c> by one implementation.
/// </summary>
/// <param name="Source">Which implementation ("numpy", "C# blocked").</param>
/// <param name="Detail">What it ran on (the BLAS library and its kernel, the SIMD width).</param>
/// <param name="M">Rows of A and C.</param>
/// <param name="N">Rows of B, columns of C.</param>
/// <param name="K">Inner dimension.</param>
/// <param name="Seconds">Wall seconds per product, one entry per repetition.</param>
/// <param name="CpuSeconds">
/// Processor seconds per product (all threads), one entry per repetition: on a shared, loaded
/// machine the wall time includes waiting for a core, the processor time does not.
/// </param>
internal sealed record GemmMeasurement(string Source, string Detail, int M, int N, int K, Timings Seconds, Timings CpuSeconds)
{
    /// <summary>Floating-point operations of one product: a multiply and an add per term.</summary>
    public double Flops => 2.0 * M * N * K;

    /// <summary>Median rate in GFLOP/s.</summary>
    public double MedianGflops => Flops / Seconds.Median / 1e9;

    /// <summary>Wall seconds this implementation would take for a product of <paramref name="flops"/> at its median rate.</summary>
    public double SecondsFor(double flops) => flops / Flops * Seconds.Median;

    /// <summary>Processor seconds this implementation would take for a product of <paramref name="flops"/>.</summary>
    public double CpuSecondsFor(double flops) => flops / Flops * CpuSeconds.Median;

    /// <summary>Both measurement sets of this and <paramref name="other"/> (same implementation and shape) as one.</summary>
    public GemmMeasurement Merge(GemmMeasurement other)
    {
        var wall = new Timings();
        var cpu = new Timings();
        foreach (var m in new[] { this, other })
        {
            m.Seconds.CopyTo(wall);
            m.CpuSeconds.CopyTo(cpu);
        }
        return this with { Seconds = wall, CpuSeconds = cpu };
    }

    /// <summary>One line for the report.</summary>
    public string Describe() =>
        $"{Source,-11} {MedianGflops,7:0.0} GFLOP/s median ({M}x{N}x{K}, {Seconds.Count} reps, " +
        $"{Flops / Seconds.Max / 1e9:0.0} .. {Flops / Seconds.Min / 1e9:0.0}; {Flops / CpuSeconds.Median / 1e9:0.0} per processor-second); {Detail}";
}
