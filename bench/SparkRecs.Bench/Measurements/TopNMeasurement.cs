using System.Diagnostics;
using SparkRecs.Bench.Gemm;
using SparkRecs.Core.Factorization;
using SparkRecs.Core.Recommend;

namespace SparkRecs.Bench.Measurements;

/// <summary>
/// Top-N for every user over every item with random factors, seen items excluded, timed with the
/// same users x items x rank product as a plain fp32 GEMM measured in the same run (before and
/// after): the measurement behind <c>topn</c> and the top-N rows of <c>targets</c>.
/// </summary>
/// <remarks>
/// Top-N does the work of the GEMM <c>scores = U V^T</c> (2 m n k flops) plus a selection, without
/// ever storing the m x n scores. The GEMM rate is measured on a block (<see cref="GemmSettings.Block"/>
/// rows and columns, same rank) and scaled to the full product: a GEMM that wrote the whole m x n
/// matrix would be limited by memory, which is exactly what top-N avoids.
/// </remarks>
internal static class TopNMeasurement
{
    /// <summary>
    /// Runs top-<paramref name="n"/> for the first <paramref name="users"/> users
    /// <paramref name="iterations"/> times, printing a line per run and per GEMM measurement.
    /// </summary>
    public static TopNResult Run(Workload workload, int users, int n, int iterations, int threads, GemmSettings gemm)
    {
        int rank = gemm.Rank;
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
        return new TopNResult(users, workload.UserItem.Columns, rank, n, threads, seconds, cpuSeconds, Checksum(lists),
            Merge(numpyBefore, numpyAfter), csharpBefore.Merge(csharpAfter));
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
}
