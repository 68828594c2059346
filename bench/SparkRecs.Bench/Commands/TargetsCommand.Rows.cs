using System.ComponentModel;
using System.Globalization;
using SparkRecs.Bench.Measurements;
using SparkRecs.Bench.ReaderRuns;
using SparkRecs.Bench.Targets;
using SparkRecs.Core.Errors;

namespace SparkRecs.Bench.Commands;

/// <summary>The measurement of each group of targets, as table rows.</summary>
internal static partial class TargetsCommand
{
    private const double AlsBar = 0.8;
    private const double ExplicitBar = 1.0;
    private const double TopNBar = 2.0;
    private const double MemoryBarBytesPerNonZero = 16;
    private const long ScaleEvents = 200_000_000;

    /// <summary>Implicit ALS at both ranks with both solvers, and the memory target measured during CG k = 64.</summary>
    private static List<TargetRow> AlsRows(Workload? workload, TargetSettings settings, bool active, long? heapBaseline)
    {
        var rows = new List<TargetRow>();
        AlsResult? measuredMemory = null;
        foreach (string solver in new[] { "cg", "cholesky" })
        {
            foreach (int rank in new[] { 64, 128 })
            {
                string name = $"implicit ALS {SolverName(solver)} k={rank}, s/iteration";
                double reference = AlsMeasurement.Reference[(solver, rank)];
                var bar = TargetBar.RatioAtMost(AlsBar);
                if (!active)
                {
                    rows.Add(TargetRow.NotMeasured(name, reference, bar, "skipped (--skip als)"));
                    continue;
                }
                bool withMemory = solver == "cg" && rank == 64 && heapBaseline is not null;
                var result = Als(workload!, solver, rank, settings.Iterations, settings, isExplicit: false, withMemory ? heapBaseline : null);
                measuredMemory = withMemory ? result : measuredMemory;
                rows.Add(new TargetRow(name, result.Iteration.Median, reference, bar, "0.000", Describe(result) +
                    "; reference: implicit 0.7.3, 2 threads, on an idle machine of this kind"));
            }
        }

        const string memoryName = "training memory beyond the factors, B/nnz";
        var memoryBar = TargetBar.FigureAtMost(MemoryBarBytesPerNonZero, "B/nnz");
        if (heapBaseline is null)
        {
            rows.Add(TargetRow.NotMeasured(memoryName, null, memoryBar, "skipped (--skip memory)"));
            return rows;
        }
        // Without the ALS group, one CG k = 64 iteration is enough to see the training structures.
        measuredMemory ??= Als(workload!, "cg", 64, 1, settings, isExplicit: false, heapBaseline);
        rows.Add(new TargetRow(memoryName, measuredMemory.LiveBytesPerNonZero, null, memoryBar, "0.0",
            "live managed heap at the end of each CG k=64 iteration after a full collection, less the heap before loading " +
            $"and both factor matrices ({measuredMemory.FactorBytes / 1048576.0:N0} MiB); the CSR and CSC alone are " +
            $"{(double)workload!.MatrixBytes / workload.UserItem.NonZeros:0.0} B/nnz; process peak {measuredMemory.PeakMemoryMiB:N0} MiB"));
        return rows;
    }

    /// <summary>Explicit ALS at k = 64 with both solvers, against the implicit library's implicit figures.</summary>
    private static List<TargetRow> ExplicitRows(Workload? workload, TargetSettings settings, bool active)
    {
        var rows = new List<TargetRow>();
        foreach (string solver in new[] { "cg", "cholesky" })
        {
            string name = $"explicit ALS {SolverName(solver)} k=64, s/iteration";
            double reference = AlsMeasurement.Reference[(solver, 64)];
            var bar = TargetBar.RatioAtMost(ExplicitBar);
            if (!active)
            {
                rows.Add(TargetRow.NotMeasured(name, reference, bar, "skipped (--skip explicit)"));
                continue;
            }
            var result = Als(workload!, solver, 64, settings.Iterations, settings, isExplicit: true, heapBaseline: null);
            rows.Add(new TargetRow(name, result.Iteration.Median, reference, bar, "0.000", Describe(result) +
                "; values as ratings, reg scaled by count; same speed class = not slower than the implicit library on implicit"));
        }
        return rows;
    }

    /// <summary>Top-100 for every user at k = 64 against the GEMM of the same product, numpy and C#.</summary>
    private static List<TargetRow> TopNRows(Workload? workload, TargetSettings settings, bool active)
    {
        const string numpyName = "top-100 all users k=64 vs numpy fp32 GEMM, s";
        const string csharpName = "top-100 all users k=64 vs C# blocked fp32 GEMM, s";
        var bar = TargetBar.RatioAtMost(TopNBar);
        if (!active)
        {
            return [TargetRow.NotMeasured(numpyName, null, bar, "skipped (--skip topn)"), TargetRow.NotMeasured(csharpName, null, bar, "skipped (--skip topn)")];
        }
        Console.WriteLine($"top-N: top-100 for {workload!.UserItem.Rows:N0} users, k = 64, {settings.TopNRuns} runs");
        var result = TopNMeasurement.Run(workload, workload.UserItem.Rows, 100, settings.TopNRuns, settings.Threads, settings.Gemm);
        TargetRow Row(string name, Gemm.GemmMeasurement? gemm)
        {
            if (gemm is null)
            {
                return TargetRow.NotMeasured(name, null, bar, $"{settings.Gemm.Python} with numpy could not run (the reason is printed above the table)");
            }
            double gemmCpu = gemm.CpuSecondsFor(result.Flops);
            return new TargetRow(name, result.Seconds.Median, gemm.SecondsFor(result.Flops), bar, "0.00",
                $"wall medians of {result.Seconds.Count} top-N runs and of the {gemm.M} x {gemm.N} x {gemm.K} GEMM block ({gemm.Source}) scaled to the product; " +
                $"processor time {result.ProcessorSeconds.Median:0.0} s vs {gemmCpu:0.0} s, ratio {result.ProcessorSeconds.Median / gemmCpu:0.00}; lists checksum {result.Checksum:X16}");
        }
        return [Row(numpyName, result.Numpy), Row(csharpName, result.CSharp)];
    }

    /// <summary>The whole ingest of the TSV against pandas read_csv of it, interleaved.</summary>
    private static List<TargetRow> IngestRows(TargetSettings settings, bool active)
    {
        const string name = "ingest of the TSV vs pandas read_csv, M rows/s";
        var bar = TargetBar.RatioAtLeast(1);
        if (!active)
        {
            return [TargetRow.NotMeasured(name, null, bar, "skipped (--skip ingest)")];
        }
        string file = settings.Input;
        long bytes = new FileInfo(file).Length;
        var plan = new InterleavedPlan();
        Console.WriteLine($"ingest: SparkRecs ingest and pandas read_csv of {Path.GetFileName(file)}, {settings.IngestRuns} interleaved rounds after a warm-up");
        var ours = plan.Add("SparkRecs ingest", "TSV", bytes, () => SparkRecsRuns.Ingest(PlainMatrixIngest.OptionsFor(file)));
        Measurement pandas;
        try
        {
            pandas = plan.Add("pandas read_csv int32", "TSV", bytes, () => ExternalRuns.PandasReadTsv(settings.Gemm.Python, file));
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception)
        {
            return [TargetRow.NotMeasured(name, null, bar, $"pandas could not run with {settings.Gemm.Python}: {e.Message.Trim()}")];
        }
        plan.Run(settings.IngestRuns);
        return
        [
            new TargetRow(name, ours.RowsPerSecond / 1e6, pandas.RowsPerSecond / 1e6, bar, "0.00",
                $"wall medians of {settings.IngestRuns}: SparkRecs {ours.MedianSeconds:0.00} s, pandas {pandas.MedianSeconds:0.00} s; " +
                $"per CPU second {ours.RowsPerCpuSecond / pandas.RowsPerCpuSecond:0.00}x; plain matrix load (tsv, no header, dedupe and bot rule off)"),
        ];
    }

    /// <summary>The 200M scale run: read from a completed run, or run here, or not measured.</summary>
    private static List<TargetRow> ScaleRows(bool active, string? runFolder, string? logFile, long events, string workDir)
    {
        const string completes = "200M scale run: events through the whole job";
        const string wall = "200M scale run: wall time, s";
        const string peak = "200M scale run: peak RSS, GiB";
        const string swaps = "200M scale run: swaps";
        double ramGib = MachineInfo.TotalMemoryBytes() / 1073741824.0;
        var completesBar = TargetBar.FigureAtLeast(ScaleEvents, "events");
        var peakBar = TargetBar.FigureAtMost(Math.Round(ramGib, 1), "GiB (RAM)");
        var swapBar = TargetBar.FigureAtMost(0, "swaps");
        List<TargetRow> Missing(string why) =>
        [
            TargetRow.NotMeasured(completes, null, completesBar, why),
            TargetRow.NotMeasured(wall, null, null, why),
            TargetRow.NotMeasured(peak, null, peakBar, why),
            TargetRow.NotMeasured(swaps, null, swapBar, why),
        ];
        if (!active)
        {
            return Missing("skipped (--skip scale)");
        }
        if (runFolder is null && events == 0)
        {
            return Missing("give --scale-run FOLDER --scale-log FILE (a completed run), or --scale-events N to run it");
        }

        ScaleRunFigures figures;
        try
        {
            if (events > 0)
            {
                (runFolder, logFile) = ScaleRunner.Run(events, workDir);
            }
            figures = ScaleRunFigures.Read(runFolder!, logFile);
        }
        catch (DataException e)
        {
            return
            [
                new TargetRow(completes, 0, null, completesBar, "N0", Failure: e.Message),
                .. Missing("the scale run could not be read").Skip(1),
            ];
        }
        string stages = string.Join(", ", figures.StageSeconds.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Stage} {s.Seconds:0.0} s")));
        string noLog = "the run's log was not given (--scale-log): /usr/bin/time -v output needed";
        string perNonZero = figures.NonZeros is { } nnz && figures.PeakRssBytes is { } rss
            ? string.Create(CultureInfo.InvariantCulture, $"{(double)rss / nnz:0} B per non-zero ({nnz:N0}), {(double)rss / figures.Events:0} B per event")
            : "non-zeros not in the log";
        return
        [
            new TargetRow(completes, figures.Events, null, completesBar, "N0",
                $"run {figures.RunId} in {Path.GetFullPath(runFolder!)}: report status {figures.Status}, exit status {figures.ExitStatus?.ToString(CultureInfo.InvariantCulture) ?? "not in the log"}",
                figures.Completed ? null : $"the run did not complete (status {figures.Status}, exit {figures.ExitStatus?.ToString(CultureInfo.InvariantCulture) ?? "?"})"),
            figures.WallSeconds is { } seconds
                ? new TargetRow(wall, seconds, null, null, "0", $"stages: {stages}")
                : TargetRow.NotMeasured(wall, null, null, $"{noLog}; stages: {stages}"),
            figures.PeakRssBytes is { } peakBytes
                ? new TargetRow(peak, peakBytes / 1073741824.0, null, peakBar, "0.0", perNonZero)
                : TargetRow.NotMeasured(peak, null, peakBar, noLog),
            figures.Swaps is { } swapCount
                ? new TargetRow(swaps, swapCount, null, swapBar, "0")
                : TargetRow.NotMeasured(swaps, null, swapBar, noLog),
        ];
    }

    private static AlsResult Als(Workload workload, string solver, int rank, int iterations, TargetSettings settings, bool isExplicit, long? heapBaseline)
    {
        Console.WriteLine($"ALS: {(isExplicit ? "explicit" : "implicit")} {SolverName(solver)} k = {rank}, {iterations} iterations, {settings.Threads} threads (load {MachineInfo.LoadAverage()})");
        return AlsMeasurement.Run(workload, solver, rank, iterations, settings.Threads, isExplicit, heapBaseline);
    }

    private static string Describe(AlsResult result) =>
        $"median of {result.Iteration.Count} (min {result.Iteration.Min:0.000}, max {result.Iteration.Max:0.000}); {result.ProcessorSeconds.Median:0.00} processor-s/iteration";

    private static string SolverName(string solver) => solver == "cg" ? "CG" : "Cholesky";
}
