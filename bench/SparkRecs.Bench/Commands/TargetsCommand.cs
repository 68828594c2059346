using SparkRecs.Bench.Targets;

namespace SparkRecs.Bench.Commands;

/// <summary>
/// <c>targets</c>: runs the measurement of every performance target of the synthetic 20M workload
/// with the other commands' code and prints one table: target, our figure, the reference figure,
/// the ratio, the bar and whether it is met, with the machine and its load before and after.
/// </summary>
/// <remarks>
/// <para>Groups of targets, each skippable with <c>--skip</c>:</para>
/// <list type="bullet">
/// <item><c>als</c>: implicit ALS seconds per iteration, CG and Cholesky at k = 64 and 128, at most
/// 0.8 of the implicit library's (<see cref="Measurements.AlsMeasurement"/>).</item>
/// <item><c>explicit</c>: explicit ALS at k = 64, CG and Cholesky, in the same speed class: at most
/// the implicit library's implicit figure.</item>
/// <item><c>memory</c>: live training memory beyond the factors, at most 16 bytes per non-zero
/// (measured during the CG k = 64 run).</item>
/// <item><c>topn</c>: top-100 for every user at k = 64, at most twice a plain fp32 GEMM of the same
/// product measured in the same run (numpy's BLAS and the C# blocked GEMM).</item>
/// <item><c>ingest</c>: the whole SparkRecs ingest of the TSV at least as fast as pandas
/// <c>read_csv</c> of it (the <c>SparkRecs.Bench.Ingest --tsv</c> runs, interleaved).</item>
/// <item><c>scale</c>: the 200-million-event run of the whole job (completes, wall time, peak memory,
/// no swap), read from a completed run (<c>--scale-run</c>, <c>--scale-log</c>) or run here
/// (<c>--scale-events</c>).</item>
/// </list>
/// <para>A skipped or impossible measurement prints "not measured" and why, never an older figure.</para>
/// </remarks>
internal static partial class TargetsCommand
{
    public static readonly string[] Options =
    [
        "input", "skip", "threads", "iterations", "topn-runs", "ingest-runs", "python", "gemm-block", "gemm-reps",
        "scale-run", "scale-log", "scale-events", "scale-work",
    ];

    private static readonly string[] Groups = ["als", "explicit", "memory", "topn", "ingest", "scale"];

    public static int Run(BenchArguments args)
    {
        string input = args.InputFile();
        var skipped = args.Choices("skip", [], Groups).ToHashSet(StringComparer.Ordinal);
        int threads = args.Integer("threads", Environment.ProcessorCount, 1, 1024);
        var settings = new TargetSettings(
            input,
            threads,
            args.Integer("iterations", 3, 1, 1000),
            args.Integer("topn-runs", 3, 1, 100),
            args.Integer("ingest-runs", 3, 1, 100),
            TopNCommand.Gemm(args, 64, threads));
        string? scaleRun = args.Text("scale-run", "") is { Length: > 0 } run ? run : null;
        string? scaleLog = args.Text("scale-log", "") is { Length: > 0 } log ? log : null;
        long scaleEvents = args.Integer("scale-events", 0, 0);
        if (scaleRun is not null && scaleEvents > 0)
        {
            throw new UsageException("--scale-run reads a completed run and --scale-events runs one: give one of them.");
        }
        if (scaleLog is not null && scaleRun is null)
        {
            throw new UsageException("--scale-log FILE goes with --scale-run FOLDER (the log of that run).");
        }
        string scaleWork = args.Text("scale-work", Path.Combine(Path.GetTempPath(), "sparkrecs-scale"));

        Report.Machine("targets");
        // Live managed heap before anything is loaded: the baseline of the memory target.
        long heapBaseline = GC.GetTotalMemory(forceFullCollection: true);
        bool Active(string group) => !skipped.Contains(group);
        Workload? workload = null;
        if (Active("als") || Active("explicit") || Active("memory") || Active("topn"))
        {
            workload = Workload.Load(input);
            Console.WriteLine($"workload  {workload.Describe()}");
        }

        var rows = new List<TargetRow>();
        rows.AddRange(AlsRows(workload, settings, Active("als"), Active("memory") ? heapBaseline : null));
        rows.AddRange(ExplicitRows(workload, settings, Active("explicit")));
        rows.AddRange(TopNRows(workload, settings, Active("topn")));
        workload = null;
        GC.Collect();
        rows.AddRange(IngestRows(settings, Active("ingest")));
        rows.AddRange(ScaleRows(Active("scale"), scaleRun, scaleLog, scaleEvents, scaleWork));

        Console.WriteLine();
        Console.WriteLine($"targets on {Path.GetFileName(input)}, {settings.Threads} threads; ratio = ours / reference; skipped: {(skipped.Count == 0 ? "none" : string.Join(", ", skipped.Order()))}");
        foreach (string line in TargetTable.Render(rows))
        {
            Console.WriteLine(line);
        }
        Console.WriteLine($"machine   {MachineInfo.Describe()}");
        Console.WriteLine($"load      {MachineInfo.LoadAverage()} (after)");
        Console.WriteLine($"met {rows.Count(r => r.Status == TargetStatus.Met)}, not met {rows.Count(r => r.Status == TargetStatus.NotMet)}, " +
                          $"not measured {rows.Count(r => r.Status == TargetStatus.NotMeasured)}, reported {rows.Count(r => r.Status == TargetStatus.Reported)}");
        return 0;
    }
}
