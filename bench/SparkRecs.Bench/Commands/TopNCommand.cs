using System.Diagnostics;
using SparkRecs.Bench.Gemm;
using SparkRecs.Core.Factorization;
using SparkRecs.Core.Recommend;

namespace SparkRecs.Bench.Commands;

/// <summary>
/// <c>topn</c>: top-N for every user over every item with random factors, seen items excluded, and
/// the same users x items x rank product timed as a plain GEMM in the same run.
/// </summary>
/// <remarks>
/// Top-N does the work of the GEMM <c>scores = U V^T</c> (2 m n k flops) plus a selection, without
/// ever storing the m x n scores. Its time over the GEMM's time for the same product says how much
/// the selection and the blocking cost beyond the arithmetic; the target is at most 2. The GEMM rate
/// is measured on a block (<c>--gemm-block</c> rows and columns, same rank) before and after the
/// top-N runs, and scaled to the full product: a GEMM that wrote the whole m x n matrix would be
/// limited by memory, which is exactly what top-N avoids.
/// </remarks>
internal static class TopNCommand
{
    public static readonly string[] Options = ["input", "rank", "n", "iterations", "threads", "users", "python", "gemm-block", "gemm-reps"];

    public static int Run(BenchArguments args)
    {
        string input = args.InputFile();
        int rank = args.Integer("rank", 64, 1, 1024);
        int n = args.Integer("n", 100, 1, 100_000);
        int iterations = args.Integer("iterations", 3, 1, 100);
        int threads = args.Integer("threads", Environment.ProcessorCount, 1, 1024);
        int requestedUsers = args.Integer("users", 0, 0);
        var gemm = new GemmSettings(
            args.Text("python", "/usr/bin/python3"),
            Math.Max(64, args.Integer("gemm-block", 4096, 64, 65_536) / 64 * 64),
            rank,
            args.Integer("gemm-reps", 5, 1, 1000),
            threads);

        var workload = Report.Header("topn", input);
        int users = requestedUsers == 0 ? workload.UserItem.Rows : Math.Min(requestedUsers, workload.UserItem.Rows);
        var userFactors = RandomFactors(workload.UserItem.Rows, rank, seed: 1);
        var itemFactors = RandomFactors(workload.UserItem.Columns, rank, seed: 2);

        var (numpyBefore, csharpBefore) = MeasureGemms(gemm, "before top-N");
        var seconds = new Timings();
        var cpuSeconds = new Timings();
        var lists = new TopNLists(users, n);
        for (int iteration = 0; iteration < iterations; iteration++)
        {
            double cpu = MachineInfo.ProcessorSeconds();
            var clock = Stopwatch.StartNew();
            TopNRecommender.Recommend(userFactors, itemFactors, workload.UserItem, 0, users, lists, 0, threads);
            double elapsed = clock.Elapsed.TotalSeconds, processor = MachineInfo.ProcessorSeconds() - cpu;
            seconds.Add(elapsed);
            cpuSeconds.Add(processor);
            Console.WriteLine($"  top-N run {iteration + 1}: {elapsed:0.00} s, {processor:0.00} processor-s (load {MachineInfo.LoadAverage()})");
        }
        var (numpyAfter, csharpAfter) = MeasureGemms(gemm, "after top-N");

        double flops = 2.0 * users * workload.UserItem.Columns * rank;
        Console.WriteLine();
        Console.WriteLine($"top-{n} for {users:N0} users over {workload.UserItem.Columns:N0} items at k = {rank}, seen items excluded, {threads} threads");
        Console.WriteLine($"  time       {seconds.Describe("0.00")} s; processor time {cpuSeconds.Describe("0.00")} s");
        Console.WriteLine($"  users/s    {users / seconds.Median:N0}");
        Console.WriteLine($"  effective  {flops / seconds.Median / 1e9:0.0} GFLOP/s (the product is {flops / 1e9:N0} GFLOP)");
        Console.WriteLine($"  lists      checksum {Checksum(lists):X16} (equal checksums = identical lists)");
        foreach (var reference in new[] { Merge(numpyBefore, numpyAfter), csharpBefore.Merge(csharpAfter) })
        {
            if (reference is not null)
            {
                double gemmSeconds = reference.SecondsFor(flops);
                double gemmCpu = reference.CpuSecondsFor(flops);
                Console.WriteLine($"  vs {reference.Source,-11} same product {gemmSeconds:0.00} s ({reference.MedianGflops:0.0} GFLOP/s), {gemmCpu:0.00} processor-s; " +
                                  $"top-N / GEMM = {seconds.Median / gemmSeconds:0.00} wall, {cpuSeconds.Median / gemmCpu:0.00} processor time (target <= 2)");
            }
        }
        Console.WriteLine($"  peak memory {MachineInfo.PeakMemoryMiB():N0} MiB");
        return 0;
    }

    /// <summary>Times the GEMM block with numpy (when it runs) and the C# GEMM, and prints both.</summary>
    private static (GemmMeasurement? Numpy, GemmMeasurement CSharp) MeasureGemms(GemmSettings gemm, string when)
    {
        Console.WriteLine($"GEMM reference ({when}), fp32, {gemm.Threads} threads, C[{gemm.Block} x {gemm.Block}] = A[{gemm.Block} x {gemm.Rank}] B^T:");
        var numpy = NumpyGemm.Measure(gemm.Python, gemm.Block, gemm.Block, gemm.Rank, gemm.Repetitions, gemm.Threads, out string? failure);
        Console.WriteLine(numpy is null ? $"  numpy       unavailable: {failure}" : $"  {numpy.Describe()}");
        var csharp = BlockedGemm.Measure(gemm.Block, gemm.Block, gemm.Rank, gemm.Repetitions, gemm.Threads);
        Console.WriteLine($"  {csharp.Describe()}");
        return (numpy, csharp);
    }

    private static GemmMeasurement? Merge(GemmMeasurement? before, GemmMeasurement? after) =>
        before is null || after is null ? before ?? after : before.Merge(after);

    /// <summary>Factors uniform in [-0.5, 0.5), reproducible from the seed.</summary>
    private static FactorMatrix RandomFactors(int rows, int rank, int seed)
    {
        var random = new Random(seed);
        var factors = new FactorMatrix(rows, rank);
        for (int i = 0; i < factors.Data.Length; i++)
        {
            factors.Data[i] = (float)(random.NextDouble() - 0.5);
        }
        return factors;
    }

    /// <summary>FNV-1a over every item id and score bit pattern, in list order.</summary>
    private static ulong Checksum(TopNLists lists)
    {
        ulong hash = 14695981039346656037UL;
        for (int i = 0; i < lists.ItemArray.Length; i++)
        {
            hash = (hash ^ (uint)lists.ItemArray[i]) * 1099511628211UL;
            hash = (hash ^ BitConverter.SingleToUInt32Bits(lists.ScoreArray[i])) * 1099511628211UL;
        }
        return hash;
    }

    /// <summary>How the GEMM reference is measured: interpreter, block size, rank, repetitions, threads.</summary>
    private sealed record GemmSettings(string Python, int Block, int Rank, int Repetitions, int Threads);
}
