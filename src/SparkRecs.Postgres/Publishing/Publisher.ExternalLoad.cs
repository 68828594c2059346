using System.Diagnostics;
using System.Globalization;
using Npgsql;
using SparkRecs.Core.Errors;
using SparkRecs.Core.Recommend;
using SparkRecs.Postgres.Loading;
using SparkRecs.Postgres.Schema;

namespace SparkRecs.Postgres.Publishing;

/// <summary>
/// Runs whose big tables are written by someone else (Spark's executors over JDBC): the publisher
/// creates the tables, the writers fill them, the publisher checks what arrived and finishes the
/// run exactly as after its own COPY (the same keys, statistics, <c>ready</c> record and switch).
/// </summary>
/// <remarks>
/// Call order: <see cref="BeginExternalLoadAsync"/> -> the writers append into
/// <see cref="ExternalRunLoad"/>'s tables (and <see cref="LoadDriverTablesAsync"/> copies what the
/// driver computed) -> <see cref="FinishExternalLoadAsync"/> -> <see cref="PublishAsync"/>. On any
/// failure in between call <see cref="FailExternalLoadAsync"/>; readers never see these tables
/// before the switch.
/// </remarks>
public sealed partial class Publisher
{
    /// <summary>
    /// Registers a run of <see cref="RunInfo.Model"/> as <c>loading</c>, takes its load lock on a
    /// connection the returned <see cref="ExternalRunLoad"/> keeps, and creates its tables empty and
    /// without keys (appends stay cheap; keys are built once at the end).
    /// </summary>
    /// <exception cref="ConfigurationException">When the model name or the JSON documents are invalid.</exception>
    /// <exception cref="PublishException">When the database fails; the run is then marked failed.</exception>
    public async Task<ExternalRunLoad> BeginExternalLoadAsync(RunInfo run, CancellationToken cancellationToken = default)
    {
        long runId = await BeginRunAsync(run, cancellationToken);
        NpgsqlConnection? connection = null;
        try
        {
            connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            var load = new ExternalRunLoad(runId, _schema, connection);
            await using (var take = new NpgsqlCommand($"SELECT pg_try_advisory_lock({AdvisoryLocks.Run})", connection))
            {
                AddRunLockParameters(take, runId);
                if (!(bool)(await take.ExecuteScalarAsync(cancellationToken))!)
                {
                    throw new PublishException($"Run {runId} is being loaded by another session; start a new run.");
                }
            }
            await using var tx = await connection.BeginTransactionAsync(cancellationToken);
            await using (var create = new NpgsqlCommand(
                $"""
                UPDATE {_s}.runs SET load_started_at = now() WHERE run_id = @id AND status = 'loading';
                {load.Tables.DropSql}
                {load.Tables.CreateEmptySql}
                """, connection, tx))
            {
                create.Parameters.AddWithValue("id", runId);
                await create.ExecuteNonQueryAsync(cancellationToken);
            }
            await tx.CommitAsync(cancellationToken);
            return load;
        }
        catch (Exception ex) when (ex is NpgsqlException or IOException or TimeoutException or PublishException)
        {
            if (connection is not null)
            {
                await ReleaseRunLockQuietly(connection, runId);
                await connection.DisposeAsync();
            }
            await MarkFailedQuietlyAsync(runId, "creating the tables for an external load failed: " + ex.Message);
            throw ex as PublishException ?? new PublishException($"Creating the tables of run {runId} for the Spark executors failed: {ex.Message}. The live version is untouched.", ex);
        }
    }

    /// <summary>
    /// Copies the similar items and the popular list of <paramref name="artifacts"/> (computed in the
    /// driver) into the run's tables with binary COPY; the user, factor and top-N parts of
    /// <paramref name="artifacts"/> are not read.
    /// </summary>
    /// <exception cref="PublishException">When the COPY fails; call <see cref="FailExternalLoadAsync"/>.</exception>
    /// <exception cref="DataException">When a list names an item outside <see cref="ModelArtifacts.ItemKeys"/>.</exception>
    public async Task LoadDriverTablesAsync(ExternalRunLoad load, ModelArtifacts artifacts, IProgress<LoadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(load);
        ArgumentNullException.ThrowIfNull(artifacts);
        var loader = new BulkLoader(_schema) { ProgressInterval = ProgressInterval };
        try
        {
            (load.SimilarRows, load.PopularRows) = await loader.LoadDriverTablesAsync(load.Connection, load.RunId, artifacts, progress, cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or IOException or TimeoutException)
        {
            throw new PublishException($"Copying the similar items and popular list of run {load.RunId} failed: {ex.Message}. The live version is untouched.", ex);
        }
    }

    /// <summary>
    /// Checks that the tables hold the rows the writers were given (<paramref name="expected"/>; the
    /// driver's tables against their COPY confirmations) and that every factor array has
    /// <see cref="ExternalRowCounts.FactorRank"/> values, then builds the keys, runs ANALYZE and
    /// records the run <c>ready</c> — the steps that follow a COPY load. Publish it next with
    /// <see cref="PublishAsync"/>.
    /// </summary>
    /// <exception cref="PublishException">When a count differs (the message names the table, the
    /// expected and the found count), a key is duplicated, or the database fails. The run is then
    /// marked failed and its tables dropped; the live version is untouched.</exception>
    public async Task<LoadSummary> FinishExternalLoadAsync(ExternalRunLoad load, ExternalRowCounts expected, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(load);
        ArgumentNullException.ThrowIfNull(expected);
        var tables = load.Tables;
        try
        {
            var found = await CountAsync(load.Connection, tables, expected.FactorRank, cancellationToken);
            var mismatches = new List<string>();
            void Check(string table, long want, long got)
            {
                if (want != got)
                {
                    mismatches.Add(string.Create(CultureInfo.InvariantCulture, $"{table} expected {want} rows, found {got}"));
                }
            }
            Check(tables.Recommendations, expected.Recommendations, found[0]);
            Check(tables.UserFactors, expected.UserFactors, found[1]);
            Check(tables.ItemFactors, expected.ItemFactors, found[2]);
            Check(tables.SimilarItems, load.SimilarRows, found[3]);
            Check(tables.Popular, load.PopularRows, found[4]);
            if (found[5] != 0)
            {
                mismatches.Add(string.Create(CultureInfo.InvariantCulture, $"{found[5]} factor arrays are not of length {expected.FactorRank}"));
            }
            if (mismatches.Count > 0)
            {
                throw new PublishException($"Run {load.RunId} was not loaded as expected: {string.Join("; ", mismatches)}. A Spark task may have failed after a partial write or been retried; rerun the job.");
            }
            var keys = Stopwatch.StartNew();
            await BulkLoader.BuildKeysAsync(load.Connection, tables, cancellationToken);
            var summary = new LoadSummary(expected.Recommendations, (int)expected.UserFactors, (int)expected.ItemFactors, load.SimilarRows, load.PopularRows,
                expected.FactorRank, load.Elapsed, keys.Elapsed);
            await MarkReadyAsync(load.Connection, load.RunId, summary, cancellationToken);
            load.Locked = false;
            await ReleaseRunLockQuietly(load.Connection, load.RunId);
            return summary;
        }
        catch (Exception ex) when (ex is NpgsqlException or IOException or TimeoutException or PublishException)
        {
            string reason = ex is PostgresException pg ? $"{pg.MessageText} (SQLSTATE {pg.SqlState})" : ex.Message;
            await FailExternalLoadAsync(load, reason, CancellationToken.None);
            throw new PublishException($"{(ex is PublishException ? reason : $"Finishing run {load.RunId} failed: {reason}")} The run is marked failed and its tables dropped; the live version is untouched.", ex);
        }
    }

    /// <summary>
    /// Gives up an external load: releases its lock, marks the run failed with
    /// <paramref name="reason"/> and drops its tables. Never throws for the database (the next
    /// run's clean-up finishes what it could not); the live version is untouched.
    /// </summary>
    public async Task FailExternalLoadAsync(ExternalRunLoad load, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(load);
        if (load.Locked)
        {
            load.Locked = false;
            await ReleaseRunLockQuietly(load.Connection, load.RunId);
        }
        await MarkFailedQuietlyAsync(load.RunId, reason, cancellationToken);
    }

    private async Task MarkFailedQuietlyAsync(long runId, string reason, CancellationToken cancellationToken = default)
    {
        try
        {
            await MarkFailedAsync(runId, reason, cancellationToken);
        }
        catch (Exception ex) when (ex is PublishException or NpgsqlException or IOException or TimeoutException)
        {
            // Left 'loading' and unlocked: the next run's clean-up fails it and drops its tables.
        }
    }

    /// <summary>Rows of the five tables, then the number of factor arrays whose length is not <paramref name="rank"/>.</summary>
    private static async Task<long[]> CountAsync(NpgsqlConnection connection, RunTables tables, int rank, CancellationToken cancellationToken)
    {
        await using var count = new NpgsqlCommand(
            $"""
            SELECT (SELECT count(*) FROM {tables.Recommendations}), (SELECT count(*) FROM {tables.UserFactors}),
                   (SELECT count(*) FROM {tables.ItemFactors}), (SELECT count(*) FROM {tables.SimilarItems}),
                   (SELECT count(*) FROM {tables.Popular}),
                   (SELECT count(*) FROM {tables.UserFactors} WHERE array_length(factors, 1) IS DISTINCT FROM @rank)
                 + (SELECT count(*) FROM {tables.ItemFactors} WHERE array_length(factors, 1) IS DISTINCT FROM @rank)
            """, connection);
        count.Parameters.AddWithValue("rank", rank);
        await using var reader = await count.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return [reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5)];
    }
}
