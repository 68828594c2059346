using System.Diagnostics;
using Npgsql;

namespace SparkRecs.Benchmarks.Load;

/// <summary>
/// The reference: <c>psql \copy</c> of a CSV file into a table created in the same transaction
/// (<c>psql -1</c>), the same conditions the binary loader gets.
/// </summary>
internal static class PsqlCopy
{
    public static async Task<TimeSpan> RunAsync(string connectionString, string createSql, string table, string columns, string csvPath)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo("psql")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[]
        {
            $"host={builder.Host} port={builder.Port} dbname={builder.Database} user={builder.Username}" + (builder.SslMode != SslMode.Prefer ? $" sslmode={builder.SslMode.ToString().ToLowerInvariant()}" : ""),
            "-X", "-q", "-v", "ON_ERROR_STOP=1", "-1",
            "-c", createSql,
            "-c", $"\\copy {table} ({columns}) FROM '{csvPath}' WITH (FORMAT csv)",
        })
        {
            start.ArgumentList.Add(argument);
        }
        if (!string.IsNullOrEmpty(builder.Passfile))
        {
            start.Environment["PGPASSFILE"] = builder.Passfile;
        }
        string? password = Environment.GetEnvironmentVariable("SPARKRECS_PG_PASSWORD");
        if (!string.IsNullOrEmpty(password))
        {
            start.Environment["PGPASSWORD"] = password;
        }
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("psql could not be started; is the PostgreSQL client installed?");
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var elapsed = clock.Elapsed;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"psql failed (exit {process.ExitCode}): {await stderr}");
        }
        return elapsed;
    }
}
