using System.Diagnostics;
using System.Globalization;
using SparkRecs.Core.Errors;

namespace SparkRecs.Bench.Targets;

/// <summary>
/// Runs the scale measurement itself (<c>targets --scale-events N</c>): generates a sample
/// warehouse of <c>N</c> events with <c>./submit.sh sample</c> (kept and reused for the same N),
/// then runs the whole job on it under <c>/usr/bin/time -v</c> with evaluation and the gate off and
/// nothing published, and reads the figures as <c>--scale-run</c> does.
/// </summary>
/// <remarks>
/// The job is the one of bench/README.md's scale section: 60 day partitions, <c>N / 100</c> users,
/// 100,000 items, event weights view 1 / cart 3 / purchase 5, implicit ALS k = 64 for 5
/// iterations, top-100 for every user. It inherits this process's environment, so
/// <c>DOTNET_GCHeapHardLimit</c> set by the caller caps its heap. At 200 million events it takes
/// about 1.5 minutes to generate (3.3 GB) and 5 to 6 minutes to run on 2 cores.
/// </remarks>
internal static class ScaleRunner
{
    /// <summary>Generates (or reuses) the warehouse, runs the job, and returns its run folder and combined log.</summary>
    /// <exception cref="DataException">The repository's submit.sh cannot be found, or the job left no run folder.</exception>
    public static (string RunFolder, string Log) Run(long events, string workDir)
    {
        string repository = FindRepository();
        string submit = Path.Combine(repository, "submit.sh");
        string count = events.ToString(CultureInfo.InvariantCulture);
        string warehouse = Path.Combine(workDir, $"warehouse-{count}");
        string complete = Path.Combine(warehouse, ".complete");
        string stamp = DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);
        Directory.CreateDirectory(workDir);
        if (!File.Exists(complete))
        {
            Console.WriteLine($"scale run: generating {events:N0} events into {warehouse}");
            long users = Math.Max(1000, events / 100);
            string sampleLog = Path.Combine(workDir, $"sample-{stamp}.log");
            if (Execute(repository, "bash", [submit, "sample", "--out", warehouse, "--users", users.ToString(CultureInfo.InvariantCulture),
                "--items", "100000", "--events", count, "--days", "60"], sampleLog) != 0)
            {
                throw new DataException($"./submit.sh sample failed while generating the scale warehouse; see {sampleLog}.");
            }
            File.WriteAllText(complete, count);
        }

        string runs = Path.Combine(workDir, $"runs-{stamp}");
        string log = Path.Combine(workDir, $"run-{stamp}.log");
        string timeLog = Path.Combine(workDir, $"run-{stamp}.time");
        Console.WriteLine($"scale run: the whole job on {warehouse}; log {log}");
        Execute(repository, "/usr/bin/time", ["-v", "-o", timeLog, "bash", submit, "run", "--conf", "conf/local.json",
            "--ingest:path", warehouse, "--ingest:table", "events", "--ingest:format", "csv",
            "--set", "ingest:columns:user=user_id", "--set", "ingest:columns:item=item_id",
            "--set", "ingest:columns:timestamp=timestamp", "--set", "ingest:columns:eventType=event_type",
            "--set", "ingest:eventWeights:view=1", "--set", "ingest:eventWeights:cart=3", "--set", "ingest:eventWeights:purchase=5",
            "--evaluation:enabled", "false", "--gate:enabled", "false", "--run:publish", "never",
            "--recommend:retrainOnFullWindow", "true", "--recommend:topN", "100", "--recommend:similarItems", "0",
            "--als:rank", "64", "--als:iterations", "5", "--run:outputDir", runs, "--run:stateDir", Path.Combine(workDir, "state")], log);
        File.AppendAllText(log, File.Exists(timeLog) ? File.ReadAllText(timeLog) : "");

        string? runFolder = Directory.Exists(runs)
            ? Directory.EnumerateDirectories(runs, "r*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).LastOrDefault()
            : null;
        return runFolder is null
            ? throw new DataException($"The scale run left no run folder under {runs}; see {log}.")
            : (runFolder, log);
    }

    /// <summary>The repository root: the first folder above this program holding submit.sh.</summary>
    private static string FindRepository()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "submit.sh")))
            {
                return folder.FullName;
            }
        }
        throw new DataException($"--scale-events needs the repository's submit.sh, not found above {AppContext.BaseDirectory}; run the benchmark from its build folder in the repository.");
    }

    /// <summary>Runs a command in <paramref name="folder"/> with its output in <paramref name="log"/>; returns its exit code.</summary>
    private static int Execute(string folder, string command, string[] arguments, string log)
    {
        var start = new ProcessStartInfo(command)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var writer = new StreamWriter(log) { AutoFlush = true };
        var gate = new object();
        void Write(string? line)
        {
            if (line is not null)
            {
                lock (gate)
                {
                    writer.WriteLine(line);
                }
            }
        }
        using var process = Process.Start(start) ?? throw new DataException($"Could not start {command}.");
        process.OutputDataReceived += (_, e) => Write(e.Data);
        process.ErrorDataReceived += (_, e) => Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.WaitForExit();
        return process.ExitCode;
    }
}
