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
try
{
    await new LoadBenchmark(connectionString, options).RunAsync(Console.Out);
}
finally
{
    if (stateDir is not null && options.StateDir is null)
    {
        await EmbeddedPostgres.StopAsync(stateDir);
        Directory.Delete(stateDir, recursive: true);
    }
}
