using System.Diagnostics;
using System.Globalization;
using Npgsql;
using SparkRecs.Postgres.Configuration;
using SparkRecs.Postgres.Loading;
using SparkRecs.Postgres.Publishing;
using SparkRecs.Postgres.Schema;

namespace SparkRecs.Benchmarks.Load;

/// <summary>
/// Loads a full run (recommendations, factors, similar items, popular list) through the
/// publisher, then the same recommendation rows through <c>psql \copy</c> from CSV, and prints
/// rows/s, MB/s and the ratio. Both COPYs go into a table created in the same transaction, with
/// no index (keys are built afterwards in both designs), so they are measured alike.
/// </summary>
internal sealed class LoadBenchmark(string connectionString, BenchmarkOptions options, int? postmasterPid)
{
    private const string Schema = "sparkrecs_bench";

    public async Task RunAsync(TextWriter output)
    {
        output.WriteLine($"machine:  {MachineInfo.Describe()}");
        var clock = Stopwatch.StartNew();
        var artifacts = BenchmarkArtifacts.Create(options.Users, options.Items, options.Width, options.Rank, options.SimilarWidth, popular: 100);
        output.WriteLine(Invariant($"workload: {options.Users:N0} users x top-{options.Width} = {(long)options.Users * options.Width:N0} recommendation rows; factors rank {options.Rank} for {options.Users:N0} users and {options.Items:N0} items; {options.Items:N0} x {options.SimilarWidth} similar items (generated in {clock.Elapsed.TotalSeconds:0.0} s)"));

        var pgOptions = new PostgresOptions { ConnectionString = connectionString, Schema = Schema, Model = "bench", RetainRuns = 1 };
        await using var dataSource = PostgresConnection.CreateDataSource(pgOptions, connectionString);
        await ExecuteAsync(dataSource, $"DROP SCHEMA IF EXISTS {Schema} CASCADE");
        await new SchemaMigrator(dataSource, Schema).MigrateAsync();
        output.WriteLine($"server:   {await ScalarAsync(dataSource, "SELECT version()")}; wal_level={await ScalarAsync(dataSource, "SHOW wal_level")}");

        string csv = Path.Combine(Path.GetTempPath(), $"sparkrecs-bench-{Environment.ProcessId}.csv");
        try
        {
            clock.Restart();
            long csvRows = RecommendationCsv.Write(artifacts, csv);
            long csvBytes = new FileInfo(csv).Length;
            double csvMb = csvBytes / 1_000_000.0;
            output.WriteLine(Invariant($"csv:      {csvRows:N0} rows, {csvMb:0.0} MB written in {clock.Elapsed.TotalSeconds:0.0} s (not part of either figure)"));

            var publisher = new Publisher(dataSource, pgOptions);
            for (int repeat = 1; repeat <= options.Repeats; repeat++)
            {
                var completed = new Dictionary<string, LoadProgress>();
                var cpu = new CpuMeter(postmasterPid);
                (TimeSpan Client, TimeSpan? Server) recsStart = default, recsEnd = default;
                var progress = new SynchronousProgress(p =>
                {
                    if (p.Completed)
                    {
                        completed[p.Table] = p;
                        if (p.Table.StartsWith("recs_", StringComparison.Ordinal))
                        {
                            recsEnd = cpu.Sample();
                        }
                    }
                });
                clock.Restart();
                recsStart = cpu.Sample();
                long runId = await publisher.BeginRunAsync(new SparkRecs.Postgres.Publishing.RunInfo("bench", "benchmark"));
                var summary = await publisher.LoadAsync(runId, artifacts, progress);
                await publisher.PublishAsync(runId, "benchmark");
                var total = clock.Elapsed;
                var recs = completed[$"recs_r{runId}"];

                string psqlTable = $"{Schema}.csv_recs_{repeat}";
                var psqlStart = cpu.Sample();
                var psql = await PsqlCopy.RunAsync(connectionString,
                    $"CREATE TABLE {psqlTable} (user_key text NOT NULL, rank integer NOT NULL, item_key text NOT NULL, score real NOT NULL)",
                    psqlTable, "user_key, rank, item_key, score", csv);
                var psqlEnd = cpu.Sample();
                long psqlRows = long.Parse(await ScalarAsync(dataSource, $"SELECT count(*) FROM {psqlTable}"), CultureInfo.InvariantCulture);
                if (psqlRows != summary.RecommendationRows)
                {
                    throw new InvalidOperationException($"psql loaded {psqlRows} rows, the loader {summary.RecommendationRows}.");
                }
                await ExecuteAsync(dataSource, $"DROP TABLE {psqlTable}");

                double ours = recs.Elapsed.TotalSeconds;
                double theirs = psql.TotalSeconds;
                output.WriteLine($"--- repeat {repeat} (run {runId})");
                foreach (var table in completed.Values)
                {
                    output.WriteLine(Invariant($"  binary COPY {table.Table,-22} {table.Rows,12:N0} rows in {table.Elapsed.TotalSeconds,6:0.00} s = {table.Rows / table.Elapsed.TotalSeconds,12:N0} rows/s"));
                }
                output.WriteLine(Invariant($"  keys + ANALYZE (all tables)                   {summary.IndexTime.TotalSeconds,6:0.00} s; whole publish {total.TotalSeconds:0.00} s"));
                output.WriteLine(Invariant($"  recommendations, binary COPY: {summary.RecommendationRows / ours,12:N0} rows/s {csvMb / ours,7:0.0} MB/s (CSV-equivalent bytes)"));
                output.WriteLine(Invariant($"  recommendations, psql \\copy:  {psqlRows / theirs,12:N0} rows/s {csvMb / theirs,7:0.0} MB/s ({theirs:0.00} s)"));
                output.WriteLine(Invariant($"  ratio binary / psql (throughput): {theirs / ours:0.00}"));
                output.WriteLine(Invariant($"  CPU during the binary COPY of recommendations: client {(recsEnd.Client - recsStart.Client).TotalSeconds:0.00} s, server {Seconds(recsEnd.Server - recsStart.Server)} over {ours:0.00} s wall"));
                output.WriteLine(Invariant($"  CPU during psql copy: server {Seconds(psqlEnd.Server - psqlStart.Server)} over {theirs:0.00} s wall (psql's own CPU not counted)"));
            }
        }
        finally
        {
            File.Delete(csv);
            if (!options.Keep)
            {
                await ExecuteAsync(dataSource, $"DROP SCHEMA IF EXISTS {Schema} CASCADE");
            }
        }
    }

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string> ScalarAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return Convert.ToString(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture) ?? "";
    }

    private static string Seconds(TimeSpan? time) => time is TimeSpan t ? Invariant($"{t.TotalSeconds:0.00} s") : "n/a (remote server)";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed class SynchronousProgress(Action<LoadProgress> report) : IProgress<LoadProgress>
    {
        public void Report(LoadProgress value) => report(value);
    }
}
