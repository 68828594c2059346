using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace SparkRecs.Bench.ReaderRuns;

/// <summary>Times pandas and DuckDB on the same files, through the scripts next to this program.</summary>
public static class ExternalRuns
{
    private static string Scripts => Path.Combine(AppContext.BaseDirectory, "scripts");

    /// <summary>pandas <c>read_csv</c> over every CSV.gz file, concatenated into one frame. Returns rows, wall-clock and CPU seconds as the script measured them.</summary>
    public static Timing PandasReadCsv(string python, string[] files)
        => Run(python, [Path.Combine(Scripts, "pandas_read_csv.py"), .. files], null);

    /// <summary>pandas <c>read_csv</c> of one headerless tab-separated integer file into int32 columns. Returns rows, wall-clock and CPU seconds as the script measured them.</summary>
    public static Timing PandasReadTsv(string python, string file)
        => Run(python, [Path.Combine(Scripts, "pandas_read_tsv.py"), file], null);

    /// <summary>DuckDB materialising every Parquet file into a table with <paramref name="threads"/> threads. Returns rows, wall-clock and CPU seconds as the script measured them.</summary>
    public static Timing DuckDbReadParquet(string modules, string[] files, int threads)
        => Run("node", [Path.Combine(Scripts, "duckdb_read_parquet.mjs"), threads.ToString(CultureInfo.InvariantCulture), .. files], modules);

    /// <summary>The version line a tool reports, for the workload header.</summary>
    public static string Version(string command, params string[] args)
    {
        try
        {
            return RunText(command, args, null).Trim();
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return "unavailable (" + e.Message + ")";
        }
    }

    private static Timing Run(string command, string[] args, string? modules)
    {
        string output = RunText(command, args, modules);
        using JsonDocument json = JsonDocument.Parse(output.Trim().Split('\n')[^1]);
        JsonElement result = json.RootElement;
        return new Timing(result.GetProperty("rows").GetInt64(), result.GetProperty("seconds").GetDouble(), result.GetProperty("cpuSeconds").GetDouble());
    }

    private static string RunText(string command, string[] args, string? modules)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        if (modules is not null)
        {
            start.Environment["DUCKDB_NODE_MODULES"] = modules;
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"'{command}' did not start.");
        Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{command} {string.Join(' ', args.Take(2))} ...' exited with {process.ExitCode}: {error.Result}");
        }

        return output;
    }
}
