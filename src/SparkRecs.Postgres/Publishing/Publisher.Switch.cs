using Npgsql;
using SparkRecs.Core.Errors;
using SparkRecs.Postgres.Configuration;
using SparkRecs.Postgres.Schema;

namespace SparkRecs.Postgres.Publishing;

/// <summary>The atomic switch of a model's live version: publish, rollback, retention.</summary>
public sealed partial class Publisher
{
    /// <summary>
    /// Makes a <c>ready</c> run its model's live version, in one short transaction: the previous
    /// live run becomes <c>retired</c>, the <c>live</c> pointer moves and the model's serving
    /// views are re-pointed at the run's tables. Readers see the old version until commit and the
    /// new one after. Then retention drops the tables of runs beyond the last
    /// <see cref="PostgresOptions.RetainRuns"/>.
    /// </summary>
    /// <param name="runId">A run in status <c>ready</c>.</param>
    /// <param name="publishedBy">Who published (recorded in the registry); defaults to the OS user.</param>
    /// <param name="cancellationToken">Cancels before the commit only.</param>
    /// <exception cref="PublishException">When the run is not ready, another publish holds the model longer than the configured wait, or the database fails; the live version is then unchanged.</exception>
    public Task<PublishResult> PublishAsync(long runId, string? publishedBy = null, CancellationToken cancellationToken = default) =>
        SwitchAsync(runId, expectedModel: null, publishedBy, rollback: false, cancellationToken);

    /// <summary>
    /// Makes an earlier run of <paramref name="model"/> live again, instantly (only the pointer and
    /// the views change). Without <paramref name="runId"/>, the run that was live before the
    /// current one (the most recently retired run whose tables are retained).
    /// </summary>
    /// <exception cref="PublishException">When there is no such run, its tables were dropped by retention, or the switch fails.</exception>
    public async Task<PublishResult> RollbackAsync(string model, long? runId = null, string? publishedBy = null, CancellationToken cancellationToken = default)
    {
        SqlIdentifier.ValidateModel(model, "rollback:model");
        long target = runId ?? await WithPublishErrors($"finding the run to roll model '{model}' back to", async () =>
        {
            await using var find = _dataSource.CreateCommand(
                $"""
                SELECT run_id FROM {_s}.runs
                WHERE model = @model AND status = 'retired' AND tables_dropped_at IS NULL
                ORDER BY retired_at DESC NULLS LAST, run_id DESC LIMIT 1
                """);
            find.Parameters.AddWithValue("model", model);
            return await find.ExecuteScalarAsync(cancellationToken) is long id
                ? id
                : throw new PublishException($"Model '{model}' has no retired run with retained tables to roll back to; list them with the runs command.");
        });
        return await SwitchAsync(target, model, publishedBy, rollback: true, cancellationToken);
    }

    private async Task<PublishResult> SwitchAsync(long runId, string? expectedModel, string? publishedBy, bool rollback, CancellationToken cancellationToken)
    {
        string verb = rollback ? "roll back to" : "publish";
        var (model, previous) = await WithPublishErrors($"trying to {verb} run {runId}", async () =>
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            await using var tx = await connection.BeginTransactionAsync(cancellationToken);
            string model = await ReadModelAsync(connection, tx, runId, cancellationToken);
            if (expectedModel is not null && model != expectedModel)
            {
                throw new PublishException($"Run {runId} belongs to model '{model}', not '{expectedModel}'.");
            }
            await TakeModelLockAsync(connection, tx, model, cancellationToken);

            RunStatus status;
            bool dropped;
            await using (var read = new NpgsqlCommand($"SELECT status, tables_dropped_at IS NOT NULL FROM {_s}.runs WHERE run_id = @id FOR UPDATE", connection, tx))
            {
                read.Parameters.AddWithValue("id", runId);
                await using var reader = await read.ExecuteReaderAsync(cancellationToken);
                await reader.ReadAsync(cancellationToken);
                status = ParseStatus(reader.GetString(0));
                dropped = reader.GetBoolean(1);
            }
            bool allowed = rollback ? status is RunStatus.Retired or RunStatus.Ready or RunStatus.Live : status is RunStatus.Ready;
            if (!allowed || dropped)
            {
                string why = dropped ? "its tables were dropped by retention" : $"its status is '{status.ToString().ToLowerInvariant()}'";
                throw new PublishException($"Cannot {verb} run {runId} of model '{model}': {why}. {(rollback ? "Pick a retained run from the runs command." : "Only a freshly loaded ('ready') run can be published; use rollback for earlier runs.")}");
            }

            long? previous = null;
            await using (var retire = new NpgsqlCommand(
                $"UPDATE {_s}.runs SET status = 'retired', retired_at = now() WHERE model = @model AND status = 'live' AND run_id <> @id RETURNING run_id", connection, tx))
            {
                retire.Parameters.AddWithValue("model", model);
                retire.Parameters.AddWithValue("id", runId);
                previous = await retire.ExecuteScalarAsync(cancellationToken) as long?;
            }
            await using (var promote = new NpgsqlCommand(
                $"""
                UPDATE {_s}.runs SET status = 'live', published_at = now(), published_by = @by, retired_at = NULL WHERE run_id = @id;
                INSERT INTO {_s}.live (model, run_id) VALUES (@model, @id)
                    ON CONFLICT (model) DO UPDATE SET run_id = excluded.run_id, switched_at = now();
                {new RunTables(_schema, runId).ReplaceViewsSql(model)}
                """, connection, tx))
            {
                promote.Parameters.AddWithValue("by", publishedBy ?? Environment.UserName);
                promote.Parameters.AddWithValue("id", runId);
                promote.Parameters.AddWithValue("model", model);
                await promote.ExecuteNonQueryAsync(cancellationToken);
            }
            await tx.CommitAsync(cancellationToken);
            return (model, previous);
        });
        // The switch is committed: from here on nothing may make the caller believe it failed.
        // Retention is housekeeping, retried by every later publish.
        try
        {
            var dropped = await ApplyRetentionAsync(model, cancellationToken);
            return new PublishResult(model, runId, previous, dropped);
        }
        catch (PublishException ex)
        {
            return new PublishResult(model, runId, previous, [], ex.Message);
        }
    }

    private async Task<string> ReadModelAsync(NpgsqlConnection connection, NpgsqlTransaction tx, long runId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT model FROM {_s}.runs WHERE run_id = @id", connection, tx);
        command.Parameters.AddWithValue("id", runId);
        return await command.ExecuteScalarAsync(cancellationToken) as string
            ?? throw new PublishException($"Run {runId} does not exist in {_schema}.runs; list runs with the runs command.");
    }

    /// <summary>
    /// Takes the model's transaction advisory lock, waiting up to the configured time; the same
    /// <c>lock_timeout</c> then bounds the wait for readers holding the views.
    /// </summary>
    private async Task TakeModelLockAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string model, CancellationToken cancellationToken)
    {
        await using (var timeout = new NpgsqlCommand($"SET LOCAL lock_timeout = '{_options.PublishLockWaitSeconds}s'", connection, tx))
        {
            await timeout.ExecuteNonQueryAsync(cancellationToken);
        }
        try
        {
            await using var take = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({AdvisoryLocks.Model})", connection, tx);
            take.Parameters.AddWithValue("schema", _schema);
            take.Parameters.AddWithValue("model", model);
            await take.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            int? holder = await FindModelLockHolderAsync(model, cancellationToken);
            throw new PublishException($"Another publish, rollback or clean-up of model '{model}' holds its lock (backend pid {holder?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"}); waited {_options.PublishLockWaitSeconds} s. Retry when it has finished, or raise postgres:publishLockWaitSeconds.", ex);
        }
    }

    /// <summary>The backend holding the model lock, looked up in pg_locks on a fresh connection.</summary>
    internal async Task<int?> FindModelLockHolderAsync(string model, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(
            $"""
            SELECT l.pid FROM pg_locks l
            WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2 AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND l.classid = (hashtext('sparkrecs.publish:' || @schema))::oid AND l.objid = hashtext(@model)::oid
            LIMIT 1
            """);
        command.Parameters.AddWithValue("schema", _schema);
        command.Parameters.AddWithValue("model", model);
        return await command.ExecuteScalarAsync(cancellationToken) as int?;
    }

    /// <summary>
    /// Drops the tables of the model's published runs (live or retired) beyond the newest
    /// <see cref="PostgresOptions.RetainRuns"/> (the live run is always kept), and of failed runs.
    /// Runs loaded but not yet published (<c>ready</c>) are candidates of a pipeline in flight and
    /// are left alone; abandoned ones are failed by <see cref="CleanupAbandonedAsync"/>. One short
    /// transaction per run under the model lock; a table still read by a long query is skipped
    /// and dropped next time.
    /// </summary>
    private async Task<IReadOnlyList<long>> ApplyRetentionAsync(string model, CancellationToken cancellationToken)
    {
        var candidates = await WithPublishErrors($"listing runs of model '{model}' for retention", async () =>
        {
            await using var list = _dataSource.CreateCommand(
                $"""
                SELECT run_id FROM (
                    SELECT run_id, status,
                           row_number() OVER (PARTITION BY status IN ('live', 'retired') ORDER BY run_id DESC) AS recency
                    FROM {_s}.runs
                    WHERE model = @model AND tables_dropped_at IS NULL AND status IN ('live', 'retired', 'failed')
                ) r
                WHERE status = 'failed' OR (status = 'retired' AND recency > @keep)
                ORDER BY run_id
                """);
            list.Parameters.AddWithValue("model", model);
            list.Parameters.AddWithValue("keep", (long)_options.RetainRuns);
            return await ReadRunIdsAsync(list, cancellationToken);
        });
        var dropped = new List<long>();
        foreach (long runId in candidates)
        {
            if (await DropRunTablesAsync(model, runId, onlyIfNotLive: true, cancellationToken))
            {
                dropped.Add(runId);
            }
        }
        return dropped;
    }

    /// <summary>Drops a run's tables and records it, under the model lock; false when skipped.</summary>
    private async Task<bool> DropRunTablesAsync(string model, long runId, bool onlyIfNotLive, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            await using var tx = await connection.BeginTransactionAsync(cancellationToken);
            await TakeModelLockAsync(connection, tx, model, cancellationToken);
            await using (var check = new NpgsqlCommand($"SELECT status FROM {_s}.runs WHERE run_id = @id FOR UPDATE", connection, tx))
            {
                check.Parameters.AddWithValue("id", runId);
                if (onlyIfNotLive && await check.ExecuteScalarAsync(cancellationToken) is "live")
                {
                    return false;
                }
            }
            await using (var drop = new NpgsqlCommand(
                $"""
                {new RunTables(_schema, runId).DropSql}
                UPDATE {_s}.runs SET tables_dropped_at = now() WHERE run_id = @id;
                """, connection, tx))
            {
                drop.Parameters.AddWithValue("id", runId);
                await drop.ExecuteNonQueryAsync(cancellationToken);
            }
            await tx.CommitAsync(cancellationToken);
            return true;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            return false;
        }
        catch (PublishException)
        {
            return false;
        }
        catch (Exception ex) when (ex is NpgsqlException or IOException or TimeoutException)
        {
            return false;
        }
    }
}
