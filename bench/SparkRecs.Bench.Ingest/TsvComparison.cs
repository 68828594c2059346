using System.Globalization;

namespace SparkRecs.Bench.Ingest;

/// <summary>
/// The <c>--tsv FILE</c> mode: one headerless <c>user \t item \t count</c> file (the synth-20M
/// workload) through the whole SparkRecs ingest, against pandas <c>read_csv</c> of the same file
/// into int32 columns, interleaved in one run.
/// </summary>
/// <remarks>
/// The ingest is configured as a plain matrix load (<see cref="PlainMatrixIngest"/>).
/// </remarks>
internal static class TsvComparison
{
    /// <summary>Runs the comparison and prints the table and the ratio.</summary>
    public static void Run(BenchOptions options, string file)
    {
        long bytes = new FileInfo(file).Length;
        var plan = new InterleavedPlan();
        void Add(string name, Func<Timing> run) => plan.Add(name, "TSV", bytes, run);

        // One file is read by one thread whatever ingest:readThreads says, so there is one SparkRecs row.
        Add("SparkRecs ingest (1 file, 1 thread)", () => SparkRecsRuns.Ingest(PlainMatrixIngest.OptionsFor(file)));
        Add("SparkRecs reader only (1 thread)", () => SparkRecsRuns.ReadTsvOnly(file));

        if (options.Python is { } python)
        {
            Add("pandas read_csv int32 (C engine, 1 thread)", () => ExternalRuns.PandasReadTsv(python, file));
        }

        plan.Run(options.Runs);

        var text = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(text, $"workload: {Path.GetFileName(file)}, {bytes / 1e6:0.0} MB, {plan.Measurements[0].Rows:N0} rows of user \\t item \\t count, no header"));
        Console.WriteLine(MachineLine.Describe());
        Console.WriteLine(string.Create(text, $"runs: {options.Runs} per row after one warm-up; medians; CPU s = CPU time of the reading process, all threads"));
        Console.WriteLine();
        Measurement.PrintTable(plan.Measurements);

        Console.WriteLine();
        Measurement? pandas = plan.Measurements.FirstOrDefault(m => m.Name.StartsWith("pandas", StringComparison.Ordinal));
        foreach (Measurement ours in plan.Measurements.Where(m => m != pandas))
        {
            if (pandas is not null)
            {
                Console.WriteLine(string.Create(text, $"{ours.Name} vs pandas: {ours.RowsPerSecond / pandas.RowsPerSecond:0.00}x rows/s, {ours.RowsPerCpuSecond / pandas.RowsPerCpuSecond:0.00}x rows per CPU s"));
            }
        }
    }
}
