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
        int gemmBlock = args.Integer("gemm-block", 4096, 64, 65_536);
        int gemmReps = args.Integer("gemm-reps", 5, 1, 1000);
        string python = args.Text("python", "/usr/bin/python3");
        int requestedUsers = args.Integer("users", 0, 0);

        var workload = Report.Header("topn", input);
        int users = requestedUsers == 0 ? workload.UserItem.Rows : Math.Min(requestedUsers, workload.UserItem.Rows);
        int items = workload.UserItem.Columns;
        var userFactors = RandomFactors(workload.UserItem.Rows, rank, seed: 1);
        var itemFactors = RandomFactors(items, rank, seed: 2);
        double flops = 2.0 * users * items * rank;
        int gemmRows = Math.Max(64, gemmBlock / 64 * 64);

        Console.WriteLine($"GEMM reference, fp32, {threads} threads, C[{gemmRows} x {gemmRows}] = A[{gemmRows} x {rank}] B^T (before top-N):");
        var numpy = NumpyGemm.Measure(python, gemmRows, gemmRows, rank, gemmReps, threads, out string? numpyFailure);
        Console.WriteLine(numpy is null ? $"  numpy       unavailable: {numpyFailure}" : $"  {numpy.Describe()}");
        var csharp = BlockedGemm.Measure(gemmRows, gemmRows, rank, gemmReps, threads);
        Console.WriteLine($"  {csharp.Describe()}");

        var seconds = new Timings();
        var cpuSeconds = new Timings();
        TopNLists? lists = null;
        for (int iteration = 0; iteration < iterations; iteration++)
        {
            lists = new TopNLists(users, n);
            double cpu = MachineInfo.ProcessorSeconds();
            var clock = Stopwatch.StartNew();
            TopNRecommender.Recommend(userFactors, itemFactors, workload.UserItem, 0, users, lists, 0, threads);
            double elapsed = clock.Elapsed.TotalSeconds;
            seconds.Add(elapsed);
            double processor = MachineInfo.ProcessorSeconds() - cpu;
            cpuSeconds.Add(processor);
            Console.WriteLine($"  top-N run {iteration + 1}: {elapsed:0.00} s, {processor:0.00} processor-s (load {MachineInfo.LoadAverage()})");
        }

        var numpyAfter = numpy is null ? null : NumpyGemm.Measure(python, gemmRows, gemmRows, rank, gemmReps, threads, out _);
        Console.WriteLine("GEMM reference (after top-N):");
        Console.WriteLine(numpyAfter is null ? "  numpy       unavailable" : $"  {numpyAfter.Describe()}");

        double median = seconds.Median;
        Console.WriteLine();
        Console.WriteLine($"top-{n} for {users:N0} users over {items:N0} items at k = {rank}, seen items excluded, {threads} threads");
        Console.WriteLine($"  time       {seconds.Describe("0.00")} s; processor time {cpuSeconds.Describe("0.00")} s");
        Console.WriteLine($"  users/s    {users / median:N0}");
        Console.WriteLine($"  effective  {flops / median / 1e9:0.0} GFLOP/s (the product is {flops / 1e9:N0} GFLOP)");
        Console.WriteLine($"  lists      checksum {Checksum(lists!):X16} (equal checksums = identical lists)");
        var numpyBoth = numpy is not null && numpyAfter is not null ? numpy.Merge(numpyAfter) : numpy;
        foreach (var gemm in new[] { numpyBoth, csharp })
        {
            if (gemm is not null)
            {
                double gemmSeconds = gemm.SecondsFor(flops);
                double gemmCpu = gemm.CpuSecondsFor(flops);
                Console.WriteLine($"  vs {gemm.Source,-11} same product {gemmSeconds:0.00} s ({gemm.MedianGflops:0.0} GFLOP/s), {gemmCpu:0.00} processor-s; " +
                                  $"top-N / GEMM = {median / gemmSeconds:0.00} wall, {cpuSeconds.Median / gemmCpu:0.00} processor time (target <= 2)");
            }
        }
        Console.WriteLine($"  peak memory {MachineInfo.PeakMemoryMiB():N0} MiB");
        return 0;
    }

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
}
