using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace SparkRecs.Benchmarks.Kernels;

/// <summary>
/// The configuration of every kernel benchmark: BenchmarkDotNet's short run (1 launch, 3 warm-up
/// and 3 measured iterations) in this process, with allocations reported.
/// </summary>
/// <remarks>
/// Short because the development machines are shared 2-core boxes: the whole suite must finish in a
/// few minutes, and the figures that matter are the ratios of a fast kernel to its reference measured
/// back to back, not the last percent of an absolute time. In-process because a separate generated
/// project would be built under the repository's warnings-as-errors settings and cost a minute of
/// compilation per run; the kernels do not depend on process-wide state that would make in-process
/// figures differ. The memory column shows the fast kernels allocate nothing per call.
/// </remarks>
public class KernelConfig : ManualConfig
{
    /// <summary>Default exporters and columns, the short in-process job and the memory diagnoser.</summary>
    public KernelConfig()
    {
        Add(DefaultConfig.Instance);
        AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithId("ShortRun-InProcess"));
        AddDiagnoser(MemoryDiagnoser.Default);
    }
}
