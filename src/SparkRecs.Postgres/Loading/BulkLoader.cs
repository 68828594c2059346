using System.Diagnostics;
using Npgsql;
using SparkRecs.Core.Errors;
using SparkRecs.Core.Recommend;
using SparkRecs.Postgres.Configuration;
using SparkRecs.Postgres.Schema;

namespace SparkRecs.Postgres.Loading;

/// <summary>
/// Loads one run's <see cref="ModelArtifacts"/> into fresh per-run tables with PostgreSQL's binary
/// COPY protocol, streaming rows straight from the artifact arrays (no intermediate row objects:
/// each value is encoded into Npgsql's write buffer as it is read).
/// </summary>
/// <remarks>
/// <para>Per table, one transaction: <c>CREATE TABLE</c>, <c>COPY ... FROM STDIN (FORMAT BINARY)</c>,
/// commit. Creating the table in the COPY's transaction means a killed load leaves no half-filled
/// table (the creation rolls back with it), and lets a server running with
/// <c>wal_level = minimal</c> (the embedded one) skip WAL for the data entirely.</para>
/// <para>Keys are added only after every COPY (one sorted B-tree build instead of row-by-row
/// insertion), then each table is ANALYZEd so the first serving query is planned with real
/// statistics. Key columns use the "C" collation: keys are opaque identifiers, equality is the
/// same under every collation, and byte-wise comparison makes the index build and each lookup
/// cheaper than a linguistic collation would.</para>
/// <para>The importer's <c>Complete()</c> is always called and its row count compared with the
/// rows sent: disposing an importer without <c>Complete()</c> cancels the COPY and writes nothing,
/// silently. Values are written with the synchronous API: it only touches the socket when its
/// buffer fills, and per-value <c>await</c>s would cost more than the encoding itself.</para>
/// </remarks>
public sealed partial class BulkLoader
{
    private readonly string _schema;

    /// <summary>A loader writing into <paramref name="schema"/> (already migrated).</summary>
    public BulkLoader(string schema)
    {
        SqlIdentifier.ValidateSchema(schema, $"{PostgresOptions.Section}:schema");
        _schema = schema;
    }

    /// <summary>Rows between two progress reports.</summary>
    internal long ProgressInterval { get; set; } = 1_000_000;

    /// <summary>
    /// Creates and fills the tables of <paramref name="runId"/>, then builds their keys and
    /// statistics. The connection must not be inside a transaction. Existing tables of the same
    /// run (a previous attempt) make the load fail; drop them first.
    /// </summary>
    /// <exception cref="DataException">When the artifacts are inconsistent (row counts, item ids out of range).</exception>
    /// <exception cref="PublishException">When the server confirms a different row count than was sent.</exception>
    public async Task<LoadSummary> LoadAsync(
        NpgsqlConnection connection,
        long runId,
        ModelArtifacts artifacts,
        IProgress<LoadProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        Validate(artifacts);
        var tables = new RunTables(_schema, runId);
        var copyClock = Stopwatch.StartNew();

        long recs = await CopyAsync(connection, tables.Recommendations, $"recs_r{runId}",
            RunTables.RecommendationsColumns,
            "user_key, rank, item_key, score",
            (importer, meter) => WriteRankedLists(importer, meter, artifacts.UserKeys, artifacts.ItemKeys, artifacts.Recommendations),
            progress, cancellationToken);
        long users = await CopyAsync(connection, tables.UserFactors, $"user_factors_r{runId}",
            RunTables.UserFactorsColumns,
            "user_key, factors",
            (importer, meter) => WriteFactors(importer, meter, artifacts.UserKeys, artifacts.UserFactors),
            progress, cancellationToken);
        long items = await CopyAsync(connection, tables.ItemFactors, $"item_factors_r{runId}",
            RunTables.ItemFactorsColumns,
            "item_key, factors",
            (importer, meter) => WriteFactors(importer, meter, artifacts.ItemKeys, artifacts.ItemFactors),
            progress, cancellationToken);
        long similar = await CopyAsync(connection, tables.SimilarItems, $"similar_r{runId}",
            RunTables.SimilarItemsColumns,
            "item_key, rank, similar_item_key, score",
            (importer, meter) => WriteRankedLists(importer, meter, artifacts.ItemKeys, artifacts.ItemKeys, artifacts.SimilarItems),
            progress, cancellationToken);
        long popular = await CopyAsync(connection, tables.Popular, $"popular_r{runId}",
            RunTables.PopularColumns,
            "rank, item_key, score",
            (importer, meter) => WritePopular(importer, meter, artifacts),
            progress, cancellationToken);
        var copyTime = copyClock.Elapsed;

        var indexClock = Stopwatch.StartNew();
        await BuildKeysAsync(connection, tables, cancellationToken);
        return new LoadSummary(recs, (int)users, (int)items, similar, (int)popular,
            artifacts.UserFactors.Rank, copyTime, indexClock.Elapsed);
    }

    /// <summary>
    /// Copies only the similar items and the popular list of <paramref name="artifacts"/> into the
    /// run's existing (empty) tables: the part of a run the driver computes when the rest is written
    /// by Spark's executors. Returns (similar rows, popular rows), each confirmed by the server.
    /// </summary>
    /// <exception cref="DataException">When a similar-items list names an item outside the item keys.</exception>
    /// <exception cref="PublishException">When the server confirms a different row count than was sent.</exception>
    internal async Task<(long Similar, int Popular)> LoadDriverTablesAsync(
        NpgsqlConnection connection, long runId, ModelArtifacts artifacts, IProgress<LoadProgress>? progress, CancellationToken cancellationToken)
    {
        var tables = new RunTables(_schema, runId);
        long similar = await CopyAsync(connection, tables.SimilarItems, $"similar_r{runId}", columnsDdl: null,
            "item_key, rank, similar_item_key, score",
            (importer, meter) => WriteRankedLists(importer, meter, artifacts.ItemKeys, artifacts.ItemKeys, artifacts.SimilarItems),
            progress, cancellationToken);
        long popular = await CopyAsync(connection, tables.Popular, $"popular_r{runId}", columnsDdl: null,
            "rank, item_key, score",
            (importer, meter) => WritePopular(importer, meter, artifacts),
            progress, cancellationToken);
        return (similar, (int)popular);
    }

    /// <summary>Adds the run's keys and runs ANALYZE (<see cref="RunTables.FinishSql"/>), with room for the sorts.</summary>
    internal static async Task BuildKeysAsync(NpgsqlConnection connection, RunTables tables, CancellationToken cancellationToken)
    {
        await using (var settings = new NpgsqlCommand("SET maintenance_work_mem = '512MB'", connection))
        {
            await settings.ExecuteNonQueryAsync(cancellationToken);
        }
        foreach (string sql in tables.FinishSql())
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        await using (var reset = new NpgsqlCommand("RESET maintenance_work_mem", connection))
        {
            await reset.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Runs CREATE TABLE (unless <paramref name="columnsDdl"/> is null: the table exists) + COPY + row-count check + COMMIT for one table.</summary>
    private async Task<long> CopyAsync(
        NpgsqlConnection connection,
        string qualifiedTable,
        string tableName,
        string? columnsDdl,
        string columnList,
        Action<NpgsqlBinaryImporter, CopyMeter> writeRows,
        IProgress<LoadProgress>? progress,
        CancellationToken cancellationToken)
    {
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        if (columnsDdl is not null)
        {
            await using var create = new NpgsqlCommand($"CREATE TABLE {qualifiedTable} ({columnsDdl})", connection, tx);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        var meter = new CopyMeter(tableName, ProgressInterval, progress, cancellationToken);
        ulong confirmed;
        await using (var importer = await connection.BeginBinaryImportAsync(
            $"COPY {qualifiedTable} ({columnList}) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            writeRows(importer, meter);
            confirmed = await importer.CompleteAsync(cancellationToken);
        }
        if (confirmed != (ulong)meter.Rows)
        {
            throw new PublishException($"COPY into {qualifiedTable} confirmed {confirmed} rows but {meter.Rows} were sent; the load is abandoned and the live version is untouched.");
        }
        await tx.CommitAsync(cancellationToken);
        meter.Complete();
        return meter.Rows;
    }
}
