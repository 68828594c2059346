using SparkRecs.Bench.Measurements;
using SparkRecs.Core.Factorization;
using SparkRecs.Core.Sparse;

namespace SparkRecs.Bench.Commands;

/// <summary>
/// <c>als</c>: implicit ALS seconds per iteration (one user sweep plus one item sweep), median over
/// the iterations, for each solver and rank, beside the reference figures of the implicit library on
/// the synthetic 20M workload.
/// </summary>
/// <remarks>
/// The settings are the reference's: implicit feedback, raw counts as confidence
/// (<c>c = 1 + alpha * count</c>, alpha 1), regularization 0.01 not scaled by count, float32, three
/// conjugate-gradient steps. The loss is not computed unless <c>--loss on</c>, so by default an
/// iteration is only the two sweeps; the time per iteration always includes whatever the loss costs.
/// <c>--transpose float</c> trains on a float transpose instead of the compact one: the factor
/// checksum must not change, only the memory.
/// The reference column only applies to the synthetic workload (gen_synth.py); on any other file
/// compare ratios between solvers and ranks instead.
/// </remarks>
internal static class AlsCommand
{
    public static readonly string[] Options = ["input", "ranks", "solvers", "iterations", "threads", "kind", "loss", "transpose"];

    public static int Run(BenchArguments args)
    {
        string input = args.InputFile();
        int[] ranks = args.Integers("ranks", [64, 128], 1, AlsOptions.MaxRank);
        string[] solvers = args.Choices("solvers", ["cg", "cholesky"], ["cg", "cholesky"]);
        int iterations = args.Integer("iterations", 3, 1, 1000);
        int threads = args.Integer("threads", Environment.ProcessorCount, 1, 1024);
        // explicit: the same file's values as ratings (squared error, regularization scaled by each
        // row's count as ALS-WR); the reference stays the implicit one, as a speed class to compare with.
        bool isExplicit = args.Choices("kind", ["implicit"], ["implicit", "explicit"])[0] == "explicit";
        bool computeLoss = args.Choices("loss", ["off"], ["on", "off"])[0] == "on";
        bool floatTranspose = args.Choices("transpose", ["compact"], ["compact", "float"])[0] == "float";

        var workload = Report.Header("als", input);
        var userItem = workload.UserItem;
        CsrMatrix? floatItemUser = floatTranspose ? userItem.Transpose() : null;
        Console.WriteLine();
        Console.WriteLine(isExplicit
            ? $"explicit ALS (values as ratings), reg 0.01 scaled by count, float32, CG 3 steps, {threads} threads"
            : $"implicit ALS, reg 0.01 (unscaled), alpha 1, raw counts, float32, CG 3 steps, {threads} threads");
        Console.WriteLine($"loss {(computeLoss ? "on" : "off")}, {(floatTranspose ? "float" : "compact")} item x user matrix; seconds per iteration (user sweep + item sweep + loss)");
        Console.WriteLine("reference: implicit 0.7.3 on the synthetic 20M workload, same machine kind; ratio = ours / reference (lower is better)");
        Console.WriteLine($"{"solver",-9} {"k",4} {"median s/it",12} {"min",8} {"max",8} {"user s",8} {"item s",8} {"cpu s/it",9} {"reference",10} {"ratio",6} {"peak MiB",9} {"B/nnz",6} {"scratch MiB",12} {"factors B/nnz",14} {"final loss",13} {"factor checksum",16}");
        foreach (string solver in solvers)
        {
            foreach (int rank in ranks)
            {
                var result = AlsMeasurement.Run(workload, solver, rank, iterations, threads, isExplicit, null, computeLoss, floatItemUser);
                double? reference = result.Reference;
                var memory = result.WorkingSet;
                Console.WriteLine(
                    $"{solver,-9} {rank,4} {result.Iteration.Median,12:0.000} {result.Iteration.Min,8:0.000} {result.Iteration.Max,8:0.000} {result.UserSweep.Median,8:0.000} {result.ItemSweep.Median,8:0.000} {result.ProcessorSeconds.Median,9:0.00} " +
                    $"{(reference is { } r ? r.ToString("0.00") : "-"),10} {(reference is { } q ? (result.Iteration.Median / q).ToString("0.00") : "-"),6} " +
                    $"{result.PeakMemoryMiB,9:N0} {memory.BytesPerNonZero,6:0.00} {memory.ScratchBytes / 1048576.0,12:0.0} " +
                    $"{(double)memory.FactorBytes / memory.NonZeros,14:0.00} {result.FinalLoss,13:G8} {result.FactorChecksum:X16}");
            }
        }
        Console.WriteLine($"load      {MachineInfo.LoadAverage()} (after)");
        Console.WriteLine("cpu s/it: processor seconds per iteration, all threads (the first includes initialisation); on an idle");
        Console.WriteLine("machine it is about threads x the wall time. peak MiB is the process's peak so far. B/nnz is the training");
        Console.WriteLine("working set beyond the factors (CSR, item x user matrix, per-row arrays; AlsModel.WorkingSet), per non-zero;");
        Console.WriteLine("scratch MiB the fixed per-worker and Gram buffers; equal factor checksums = bit-identical factors.");
        return 0;
    }
}
