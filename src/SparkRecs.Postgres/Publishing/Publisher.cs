using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using SparkRecs.Core.Errors;
using SparkRecs.Core.Recommend;
using SparkRecs.Postgres.Configuration;
using SparkRecs.Postgres.Loading;
using SparkRecs.Postgres.Schema;

namespace SparkRecs.Postgres.Publishing;

/// <summary>
/// Versioned publishing of model runs: register a run, bulk-load it into its own tables, switch
/// the model's live version in one short transaction, roll back, keep the last K runs.
/// </summary>
/// <remarks>
/// <para>Call order for one run: <see cref="BeginRunAsync"/> -> <see cref="LoadAsync"/> ->
/// <see cref="PublishAsync"/> (or <see cref="MarkFailedAsync"/> when anything before the switch
/// fails). Nothing readers see changes before <see cref="PublishAsync"/> commits.</para>
/// <para>Concurrency: the connection loading a run holds a session advisory lock on the run, so a
/// killed loader is recognised the moment its backend is gone (<see cref="CleanupAbandonedAsync"/>,
/// which <see cref="BeginRunAsync"/> calls). Switches, rollbacks and clean-ups of one model take a
/// transaction advisory lock on the model: a second publisher <b>waits</b> up to
/// <see cref="PostgresOptions.PublishLockWaitSeconds"/> and then fails with a
/// <see cref="PublishException"/> naming the backend that holds the lock. Loads of different runs
/// may proceed in parallel; only the switches are serialised.</para>
/// </remarks>
public sealed partial class Publisher
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresOptions _options;
    private readonly string _schema;
    private readonly string _s;

    /// <summary>A publisher writing into <see cref="PostgresOptions.Schema"/> of <paramref name="dataSource"/>'s database.</summary>
    /// <exception cref="ConfigurationException">When the options are invalid.</exception>
    public Publisher(NpgsqlDataSource dataSource, PostgresOptions options)
    {
        options.Validate();
        _dataSource = dataSource;
        _options = options;
        _schema = options.Schema;
        _s = SqlIdentifier.Quote(options.Schema);
    }

    /// <summary>Rows between two load progress reports (tests lower it).</summary>
    internal long ProgressInterval { get; set; } = 1_000_000;

    /// <summary>
    /// Registers a new run of <see cref="RunInfo.Model"/> with status <c>loading</c> and returns its
    /// id. First cleans up the model's abandoned runs (killed loads) so their tables do not pile up.
    /// Call it right before <see cref="LoadAsync"/>.
    /// </summary>
    /// <exception cref="ConfigurationException">When the model name is invalid or the JSON documents are malformed.</exception>
    public async Task<long> BeginRunAsync(RunInfo run, CancellationToken cancellationToken = default)
    {
        SqlIdentifier.ValidateModel(run.Model, $"{PostgresOptions.Section}:model");
        ValidateJson(run.ParametersJson, "parameters");
        ValidateJson(run.MetricsJson, "metrics");
        await CleanupAbandonedAsync(run.Model, cancellationToken);
        return await WithPublishErrors($"registering a run of model '{run.Model}'", async () =>
        {
            await using var command = _dataSource.CreateCommand(
                $"""
                INSERT INTO {_s}.runs (model, status, engine, window_from, window_to, params, metrics)
                VALUES (@model, 'loading', @engine, @from, @to, @params, @metrics)
                RETURNING run_id
                """);
            command.Parameters.AddWithValue("model", run.Model);
            command.Parameters.AddWithValue("engine", run.Engine);
            command.Parameters.AddWithValue("from", NpgsqlDbType.TimestampTz, (object?)run.WindowFrom?.ToUniversalTime() ?? DBNull.Value);
            command.Parameters.AddWithValue("to", NpgsqlDbType.TimestampTz, (object?)run.WindowTo?.ToUniversalTime() ?? DBNull.Value);
            command.Parameters.AddWithValue("params", NpgsqlDbType.Jsonb, run.ParametersJson);
            command.Parameters.AddWithValue("metrics", NpgsqlDbType.Jsonb, run.MetricsJson);
            return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        });
    }

    /// <summary>
    /// Loads <paramref name="artifacts"/> into the run's own tables (binary COPY, keys, ANALYZE)
    /// and marks the run <c>ready</c>. Readers are not affected. On failure the run stays
    /// <c>loading</c> and unlocked: call <see cref="MarkFailedAsync"/>, or let the next run's
    /// clean-up drop its tables.
    /// </summary>
    /// <exception cref="PublishException">When the run is not <c>loading</c>, is being loaded elsewhere, or the load fails.</exception>
    /// <exception cref="DataException">When the artifacts are inconsistent.</exception>
    public async Task<LoadSummary> LoadAsync(long runId, ModelArtifacts artifacts, IProgress<LoadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var loader = new BulkLoader(_schema) { ProgressInterval = ProgressInterval };
        var tables = new RunTables(_schema, runId);
        NpgsqlConnection connection;
        try
        {
            connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        }
        catch (NpgsqlException ex)
        {
            throw new PublishException($"Cannot connect to load run {runId}: {ex.Message}", ex);
        }
        await using (connection)
        {
            bool locked = false;
            try
            {
                await using (var take = new NpgsqlCommand($"SELECT pg_try_advisory_lock({AdvisoryLocks.Run})", connection))
                {
                    AddRunLockParameters(take, runId);
                    locked = (bool)(await take.ExecuteScalarAsync(cancellationToken))!;
                }
                if (!locked)
                {
                    throw new PublishException($"Run {runId} is being loaded by another session; wait for it or start a new run.");
                }
                await using (var start = new NpgsqlCommand($"UPDATE {_s}.runs SET load_started_at = now() WHERE run_id = @id AND status = 'loading' RETURNING model", connection))
                {
                    start.Parameters.AddWithValue("id", runId);
                    if (await start.ExecuteScalarAsync(cancellationToken) is null)
                    {
                        throw new PublishException($"Run {runId} does not exist or is no longer 'loading' (a clean-up may have marked it failed); register a new run with BeginRunAsync.");
                    }
                }
                await using (var drop = new NpgsqlCommand(tables.DropSql, connection))
                {
                    await drop.ExecuteNonQueryAsync(cancellationToken);
                }
                var summary = await loader.LoadAsync(connection, runId, artifacts, progress, cancellationToken);
                await MarkReadyAsync(connection, runId, summary, cancellationToken);
                return summary;
            }
            catch (Exception ex) when (ex is NpgsqlException or IOException or TimeoutException)
            {
                throw new PublishException($"Loading run {runId} failed: {ex.Message}. The live version is untouched; the run's partial tables are dropped by MarkFailedAsync or the next run's clean-up.", ex);
            }
            finally
            {
                if (locked)
                {
                    await ReleaseRunLockQuietly(connection, runId);
                }
            }
        }
    }

    /// <summary>Replaces the metrics of a run that is not yet live (evaluation may finish after the load).</summary>
    public async Task UpdateMetricsAsync(long runId, string metricsJson, CancellationToken cancellationToken = default)
    {
        ValidateJson(metricsJson, "metrics");
        await WithPublishErrors($"updating the metrics of run {runId}", async () =>
        {
            await using var command = _dataSource.CreateCommand($"UPDATE {_s}.runs SET metrics = @metrics WHERE run_id = @id");
            command.Parameters.AddWithValue("id", runId);
            command.Parameters.AddWithValue("metrics", NpgsqlDbType.Jsonb, metricsJson);
            if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
            {
                throw new PublishException($"Run {runId} does not exist in {_schema}.runs.");
            }
            return 0;
        });
    }

    /// <summary>Records a loaded run's row counts and makes it <c>ready</c> (still <c>loading</c> is required: a clean-up may have failed it meanwhile).</summary>
    private async Task MarkReadyAsync(NpgsqlConnection connection, long runId, LoadSummary summary, CancellationToken cancellationToken)
    {
        await using var ready = new NpgsqlCommand(
            $"""
            UPDATE {_s}.runs SET status = 'ready', loaded_at = now(), user_count = @users, item_count = @items,
                factor_rank = @rank, recommendation_rows = @recs, similar_rows = @similar, popular_rows = @popular
            WHERE run_id = @id AND status = 'loading'
            """, connection);
        ready.Parameters.AddWithValue("id", runId);
        ready.Parameters.AddWithValue("users", summary.UserRows);
        ready.Parameters.AddWithValue("items", summary.ItemRows);
        ready.Parameters.AddWithValue("rank", summary.FactorRank);
        ready.Parameters.AddWithValue("recs", summary.RecommendationRows);
        ready.Parameters.AddWithValue("similar", summary.SimilarRows);
        ready.Parameters.AddWithValue("popular", summary.PopularRows);
        if (await ready.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            throw new PublishException($"Run {runId} changed status while it was loading (marked failed by another session?); it will not be published.");
        }
    }

    private void AddRunLockParameters(NpgsqlCommand command, long runId) => AddRunLockParameters(command, _schema, runId);

    private static void AddRunLockParameters(NpgsqlCommand command, string schema, long runId)
    {
        command.Parameters.AddWithValue("run_id", runId);
        command.Parameters.AddWithValue("schema", schema);
    }

    private Task ReleaseRunLockQuietly(NpgsqlConnection connection, long runId) => ReleaseRunLockQuietly(connection, _schema, runId);

    /// <summary>Releases a run's session load lock; a broken connection took it with it.</summary>
    internal static async Task ReleaseRunLockQuietly(NpgsqlConnection connection, string schema, long runId)
    {
        try
        {
            await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({AdvisoryLocks.Run})", connection);
            AddRunLockParameters(release, schema, runId);
            await release.ExecuteNonQueryAsync();
        }
        catch (Exception ex) when (ex is NpgsqlException or IOException or InvalidOperationException)
        {
            // The backend is gone (killed or broken connection): its session locks went with it.
        }
    }

    private static void ValidateJson(string json, string what)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ConfigurationException($"run:{what}", $"must be a JSON object, got a {document.RootElement.ValueKind}.");
            }
        }
        catch (JsonException ex)
        {
            throw new ConfigurationException($"run:{what}", $"is not valid JSON: {ex.Message}");
        }
    }

    /// <summary>Runs a database action, turning driver errors into a <see cref="PublishException"/> that says what was being done.</summary>
    private static async Task<T> WithPublishErrors<T>(string doing, Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (PostgresException ex)
        {
            throw new PublishException($"Postgres refused {doing}: {ex.MessageText} (SQLSTATE {ex.SqlState}). Was the schema migrated (SchemaMigrator.MigrateAsync)?", ex);
        }
        catch (Exception ex) when (ex is NpgsqlException or IOException or TimeoutException)
        {
            throw new PublishException($"Lost the database while {doing}: {ex.Message}", ex);
        }
    }
}
