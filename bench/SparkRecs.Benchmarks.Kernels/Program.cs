using BenchmarkDotNet.Running;
using SparkRecs.Benchmarks.Kernels;

// Micro-benchmarks of the hot kernels, each fast kernel beside its naive reference (the baseline,
// so the Ratio column is the reference's time share: 0.10 = ten times faster). bench/README.md,
// "Kernel micro-benchmarks", says what each measures and how to run a subset (--filter).
BenchmarkSwitcher.FromAssembly(typeof(KernelConfig).Assembly).Run(args, new KernelConfig());
