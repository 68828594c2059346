using SparkRecs.Benchmarks.Load;
using SparkRecs.Postgres.Embedded;

// Usage: dotnet run -c Release -- [--connection "Host=...;Username=..."] [--users 100000] [--width 100]
//        [--items 20000] [--rank 32] [--similar 20] [--repeats 1] [--keep 0|1]
//        [--state <folder for the embedded server; kept running when given>]
// Without --connection a throwaway embedded PostgreSQL is started and removed afterwards.
var options = BenchmarkOptions.Parse(args);
string? stateDir = null;
string connectionString = options.ConnectionString ?? "";
if (connectionString.Length == 0)
{
    stateDir = options.StateDir ?? Path.Combine(Path.GetTempPath(), $"sparkrecs-bench-pg-{Environment.ProcessId}");
    Directory.CreateDirectory(stateDir);
    connectionString = await EmbeddedPostgres.EnsureStartedAsync(stateDir);
}
// The embedded server's postmaster, whose children's CPU time the benchmark reports.
int? postmasterPid = stateDir is null ? null : int.Parse(File.ReadLines(Path.Combine(stateDir, "postgres", "data", "postmaster.pid")).First(), System.Globalization.CultureInfo.InvariantCulture);
try
{
    await new LoadBenchmark(connectionString, options, postmasterPid).RunAsync(Console.Out);
}
finally
{
    if (stateDir is not null && options.StateDir is null)
    {
        await EmbeddedPostgres.StopAsync(stateDir);
        Directory.Delete(stateDir, recursive: true);
    }
}
