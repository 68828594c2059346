using SparkRecs.Bench;
using SparkRecs.Bench.Commands;
using SparkRecs.Core.Errors;

// Benchmarks of the local engine on a workload file; bench/README.md explains the commands and figures.
const string Usage = """
    usage: sparkrecs-bench <command> --input FILE [options]
      als    ALS seconds per iteration   [--ranks 64,128] [--solvers cg,cholesky] [--iterations 3] [--threads N]
                                         [--kind implicit|explicit] [--loss off|on] [--transpose compact|float]
      topn   top-N for all users vs GEMM [--rank 64] [--n 100] [--iterations 3] [--users N] [--threads N]
                                         [--python /usr/bin/python3] [--gemm-block 4096] [--gemm-reps 5]
      build  CSR/CSC construction        [--iterations 3]
      targets  every performance target, one table
             [--skip als,explicit,memory,topn,ingest,scale] [--threads N] [--iterations 3] [--topn-runs 3]
             [--ingest-runs 3] [--python /usr/bin/python3] [--gemm-block 4096] [--gemm-reps 5]
             [--scale-run RUN_FOLDER --scale-log TIME_V_LOG | --scale-events N [--scale-work DIR]]
    FILE has one 'user \t item \t count' line per interaction (non-negative integers, no header).
    """;

if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
{
    Console.WriteLine(Usage);
    return args.Length == 0 ? 2 : 0;
}
try
{
    var options = args.AsSpan(1);
    return args[0] switch
    {
        "als" => AlsCommand.Run(BenchArguments.Parse(options, AlsCommand.Options)),
        "topn" => TopNCommand.Run(BenchArguments.Parse(options, TopNCommand.Options)),
        "build" => BuildCommand.Run(BenchArguments.Parse(options, BuildCommand.Options)),
        "targets" => TargetsCommand.Run(BenchArguments.Parse(options, TargetsCommand.Options)),
        _ => throw new UsageException($"Unknown command '{args[0]}'; the commands are als, topn, build and targets."),
    };
}
catch (UsageException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    Console.Error.WriteLine(Usage);
    return 2;
}
catch (SparkRecsException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return e.ExitCode;
}
