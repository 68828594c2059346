using Npgsql;
using SparkRecs.Core.Errors;
using SparkRecs.Postgres.Configuration;
using SparkRecs.Postgres.Schema;

namespace SparkRecs.Postgres.Publishing;

/// <summary>Failed and abandoned runs: marking them failed and dropping their partial tables.</summary>
public sealed partial class Publisher
{
    /// <summary>
    /// Marks a run that is <c>loading</c> or <c>ready</c> as <c>failed</c> with
    /// <paramref name="reason"/> and drops whatever tables it has. The live version is untouched.
    /// </summary>
    /// <exception cref="PublishException">When the run is live or retired (roll back instead), or its loader is still running.</exception>
    public async Task MarkFailedAsync(long runId, string reason, CancellationToken cancellationToken = default)
    {
        var outcome = await FailRunAsync(runId, reason, cancellationToken);
        if (outcome != FailOutcome.Failed)
        {
            throw new PublishException(outcome == FailOutcome.LoaderAlive
                ? $"Run {runId} is still being loaded by another session; stop that job first (its lock is released when its session ends)."
                : $"Run {runId} is not 'loading' or 'ready' and cannot be marked failed; a live run is replaced by publishing or rolling back.");
        }
    }

    /// <summary>
    /// Finds runs of <paramref name="model"/> left behind by a load that died (status
    /// <c>loading</c> while no session holds the run's lock, and either the load had started or
    /// the run is older than <see cref="PostgresOptions.AbandonedRunHours"/>) or loaded but never
    /// published within that time, marks them <c>failed</c> and drops their tables; also drops
    /// tables that failed runs still have.
    /// Returns the ids cleaned. Called by <see cref="BeginRunAsync"/>.
    /// </summary>
    public async Task<IReadOnlyList<long>> CleanupAbandonedAsync(string model, CancellationToken cancellationToken = default)
    {
        SqlIdentifier.ValidateModel(model, $"{PostgresOptions.Section}:model");
        var candidates = await WithPublishErrors($"looking for abandoned runs of model '{model}'", async () =>
        {
            await using var list = _dataSource.CreateCommand(
                $"""
                SELECT run_id FROM {_s}.runs
                WHERE model = @model AND (
                    (status = 'loading' AND (load_started_at IS NOT NULL OR created_at < now() - make_interval(secs => @grace)))
                    OR (status = 'ready' AND loaded_at < now() - make_interval(secs => @grace))
                    OR (status = 'failed' AND tables_dropped_at IS NULL))
                ORDER BY run_id
                """);
            list.Parameters.AddWithValue("model", model);
            list.Parameters.AddWithValue("grace", _options.AbandonedRunHours * 3600.0);
            return await ReadRunIdsAsync(list, cancellationToken);
        });
        var cleaned = new List<long>();
        foreach (long runId in candidates)
        {
            if (await FailRunAsync(runId, "abandoned: the load did not complete, or the loaded run was never published", cancellationToken) == FailOutcome.Failed)
            {
                cleaned.Add(runId);
            }
        }
        return cleaned;
    }

    private enum FailOutcome
    {
        Failed,
        LoaderAlive,
        WrongStatus,
    }

    /// <summary>
    /// In one transaction under the model lock: checks that no session holds the run's load lock
    /// (a transaction-scoped try-lock on the same key conflicts with the loader's session lock),
    /// marks the run failed (keeping an earlier failure reason) and drops its tables.
    /// </summary>
    private async Task<FailOutcome> FailRunAsync(long runId, string reason, CancellationToken cancellationToken)
    {
        return await WithPublishErrors($"marking run {runId} failed", async () =>
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            await using var tx = await connection.BeginTransactionAsync(cancellationToken);
            string model = await ReadModelAsync(connection, tx, runId, cancellationToken);
            await TakeModelLockAsync(connection, tx, model, cancellationToken);
            await using (var loaderGone = new NpgsqlCommand($"SELECT pg_try_advisory_xact_lock({AdvisoryLocks.Run})", connection, tx))
            {
                AddRunLockParameters(loaderGone, runId);
                if (!(bool)(await loaderGone.ExecuteScalarAsync(cancellationToken))!)
                {
                    return FailOutcome.LoaderAlive;
                }
            }
            await using (var mark = new NpgsqlCommand(
                $"""
                UPDATE {_s}.runs SET status = 'failed', failure = coalesce(failure, @reason), tables_dropped_at = now()
                WHERE run_id = @id AND status IN ('loading', 'ready', 'failed')
                """, connection, tx))
            {
                mark.Parameters.AddWithValue("id", runId);
                mark.Parameters.AddWithValue("reason", reason);
                if (await mark.ExecuteNonQueryAsync(cancellationToken) != 1)
                {
                    return FailOutcome.WrongStatus;
                }
            }
            await using (var drop = new NpgsqlCommand(new RunTables(_schema, runId).DropSql, connection, tx))
            {
                await drop.ExecuteNonQueryAsync(cancellationToken);
            }
            await tx.CommitAsync(cancellationToken);
            return FailOutcome.Failed;
        });
    }
}
