using Npgsql;
using SparkRecs.Core.Errors;
using SparkRecs.Postgres.Configuration;

namespace SparkRecs.Postgres.Publishing;

/// <summary>Reading the run registry: the runs command and the quality gate's baseline.</summary>
public sealed partial class Publisher
{
    private const string RunColumns =
        """
        r.run_id, r.model, r.status, r.window_from, r.window_to, r.engine, r.params::text, r.metrics::text,
        r.user_count, r.item_count, r.factor_rank, r.recommendation_rows, r.similar_rows, r.popular_rows,
        r.created_at, r.loaded_at, r.published_at, r.published_by, r.retired_at, r.tables_dropped_at, r.failure
        """;

    /// <summary>The runs of <paramref name="model"/>, newest first.</summary>
    public async Task<IReadOnlyList<RunRecord>> ListRunsAsync(string model, CancellationToken cancellationToken = default)
    {
        SqlIdentifier.ValidateModel(model, "runs:model");
        return await WithPublishErrors($"listing runs of model '{model}'", async () =>
        {
            await using var command = _dataSource.CreateCommand($"SELECT {RunColumns} FROM {_s}.runs r WHERE r.model = @model ORDER BY r.run_id DESC");
            command.Parameters.AddWithValue("model", model);
            return await ReadRunsAsync(command, cancellationToken);
        });
    }

    /// <summary>The live run of <paramref name="model"/> with its metrics, or null before the first publish.</summary>
    public async Task<RunRecord?> GetLiveRunAsync(string model, CancellationToken cancellationToken = default)
    {
        SqlIdentifier.ValidateModel(model, $"{PostgresOptions.Section}:model");
        return await WithPublishErrors($"reading the live run of model '{model}'", async () =>
        {
            await using var command = _dataSource.CreateCommand($"SELECT {RunColumns} FROM {_s}.live l JOIN {_s}.runs r ON r.run_id = l.run_id WHERE l.model = @model");
            command.Parameters.AddWithValue("model", model);
            var runs = await ReadRunsAsync(command, cancellationToken);
            return runs.Count == 0 ? null : runs[0];
        });
    }

    /// <summary>One run by id, or null when it does not exist.</summary>
    public async Task<RunRecord?> GetRunAsync(long runId, CancellationToken cancellationToken = default)
    {
        return await WithPublishErrors($"reading run {runId}", async () =>
        {
            await using var command = _dataSource.CreateCommand($"SELECT {RunColumns} FROM {_s}.runs r WHERE r.run_id = @id");
            command.Parameters.AddWithValue("id", runId);
            var runs = await ReadRunsAsync(command, cancellationToken);
            return runs.Count == 0 ? null : runs[0];
        });
    }

    /// <summary>The first column of every row of <paramref name="command"/>: run ids, in the query's order.</summary>
    private static async Task<List<long>> ReadRunIdsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var ids = new List<long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetInt64(0));
        }
        return ids;
    }

    private static async Task<List<RunRecord>> ReadRunsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var runs = new List<RunRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            runs.Add(new RunRecord(
                RunId: reader.GetInt64(0),
                Model: reader.GetString(1),
                Status: ParseStatus(reader.GetString(2)),
                WindowFrom: OptionalTime(reader, 3),
                WindowTo: OptionalTime(reader, 4),
                Engine: reader.GetString(5),
                ParametersJson: reader.GetString(6),
                MetricsJson: reader.GetString(7),
                UserCount: reader.IsDBNull(8) ? null : reader.GetInt32(8),
                ItemCount: reader.IsDBNull(9) ? null : reader.GetInt32(9),
                FactorRank: reader.IsDBNull(10) ? null : reader.GetInt32(10),
                RecommendationRows: reader.IsDBNull(11) ? null : reader.GetInt64(11),
                SimilarRows: reader.IsDBNull(12) ? null : reader.GetInt64(12),
                PopularRows: reader.IsDBNull(13) ? null : reader.GetInt32(13),
                CreatedAt: reader.GetFieldValue<DateTimeOffset>(14),
                LoadedAt: OptionalTime(reader, 15),
                PublishedAt: OptionalTime(reader, 16),
                PublishedBy: reader.IsDBNull(17) ? null : reader.GetString(17),
                RetiredAt: OptionalTime(reader, 18),
                TablesDroppedAt: OptionalTime(reader, 19),
                Failure: reader.IsDBNull(20) ? null : reader.GetString(20)));
        }
        return runs;
    }

    private static DateTimeOffset? OptionalTime(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);

    private static RunStatus ParseStatus(string status) => status switch
    {
        "loading" => RunStatus.Loading,
        "ready" => RunStatus.Ready,
        "live" => RunStatus.Live,
        "retired" => RunStatus.Retired,
        "failed" => RunStatus.Failed,
        _ => throw new PublishException($"Unknown run status '{status}' in the registry; this build of SparkRecs is older than the schema."),
    };
}
