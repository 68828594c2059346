using SparkRecs.Bench.Measurements;

namespace SparkRecs.Bench.Commands;

/// <summary>
/// <c>topn</c>: top-N for every user over every item with random factors, seen items excluded, and
/// the same users x items x rank product timed as a plain GEMM in the same run
/// (<see cref="TopNMeasurement"/>).
/// </summary>
/// <remarks>
/// Top-N's time over the GEMM's time for the same product says how much the selection and the
/// blocking cost beyond the arithmetic; the target is at most 2.
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
        var gemm = Gemm(args, rank, threads);

        var workload = Report.Header("topn", input);
        int users = requestedUsers == 0 ? workload.UserItem.Rows : Math.Min(requestedUsers, workload.UserItem.Rows);
        var result = TopNMeasurement.Run(workload, users, n, iterations, threads, gemm);

        var seconds = result.Seconds;
        var cpuSeconds = result.ProcessorSeconds;
        Console.WriteLine();
        Console.WriteLine($"top-{n} for {users:N0} users over {result.Items:N0} items at k = {rank}, seen items excluded, {threads} threads");
        Console.WriteLine($"  time       {seconds.Describe("0.00")} s; processor time {cpuSeconds.Describe("0.00")} s");
        Console.WriteLine($"  users/s    {users / seconds.Median:N0}");
        Console.WriteLine($"  effective  {result.Flops / seconds.Median / 1e9:0.0} GFLOP/s (the product is {result.Flops / 1e9:N0} GFLOP)");
        Console.WriteLine($"  lists      checksum {result.Checksum:X16} (equal checksums = identical lists)");
        foreach (var reference in new[] { result.Numpy, result.CSharp })
        {
            if (reference is not null)
            {
                double gemmSeconds = reference.SecondsFor(result.Flops);
                double gemmCpu = reference.CpuSecondsFor(result.Flops);
                Console.WriteLine($"  vs {reference.Source,-11} same product {gemmSeconds:0.00} s ({reference.MedianGflops:0.0} GFLOP/s), {gemmCpu:0.00} processor-s; " +
                                  $"top-N / GEMM = {seconds.Median / gemmSeconds:0.00} wall, {cpuSeconds.Median / gemmCpu:0.00} processor time (target <= 2)");
            }
        }
        Console.WriteLine($"  peak memory {MachineInfo.PeakMemoryMiB():N0} MiB");
        return 0;
    }

    /// <summary>The GEMM reference settings from <c>--python</c>, <c>--gemm-block</c> and <c>--gemm-reps</c>.</summary>
    public static GemmSettings Gemm(BenchArguments args, int rank, int threads) => new(
        args.Text("python", "/usr/bin/python3"),
        Math.Max(64, args.Integer("gemm-block", 4096, 64, 65_536) / 64 * 64),
        rank,
        args.Integer("gemm-reps", 5, 1, 1000),
        threads);
}
