using SparkRecs.Bench.Measurements;

namespace SparkRecs.Bench.Commands;

/// <summary>The options every target measurement of <see cref="TargetsCommand"/> shares.</summary>
/// <param name="Input">The workload TSV (also the ingest benchmark's input).</param>
/// <param name="Threads">Threads of ALS, top-N and the GEMMs.</param>
/// <param name="Iterations">ALS iterations per solver and rank (the median is the figure).</param>
/// <param name="TopNRuns">Top-N runs (the median is the figure).</param>
/// <param name="IngestRuns">Interleaved rounds of SparkRecs ingest and pandas after one warm-up each.</param>
/// <param name="Gemm">The GEMM reference of top-N (interpreter, block, rank 64, repetitions).</param>
internal sealed record TargetSettings(string Input, int Threads, int Iterations, int TopNRuns, int IngestRuns, GemmSettings Gemm);
