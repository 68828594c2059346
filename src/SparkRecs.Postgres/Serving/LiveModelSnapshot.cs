using System.Data;
using Npgsql;
using SparkRecs.Postgres.Configuration;

namespace SparkRecs.Postgres.Serving;

/// <summary>
/// The live run of a model as the serving views show it: user and item factors by key and the
/// popular fallback list. The quality gate re-scores it on the candidate's split, so the two
/// models are compared paired, user by user, on the same test events.
/// </summary>
/// <param name="RunId">The live run.</param>
/// <param name="Rank">Factor length.</param>
/// <param name="UserFactors">Factors per user key.</param>
/// <param name="ItemFactors">Factors per item key.</param>
/// <param name="Popular">The fallback list, best first, with scores.</param>
/// <param name="WindowTo">The end of the data the live run was trained on, when registered: its factors have seen every event up to it.</param>
/// <param name="ParametersJson">The live run's registered parameters.</param>
public sealed record LiveModelSnapshot(
    long RunId,
    int Rank,
    IReadOnlyDictionary<string, float[]> UserFactors,
    IReadOnlyDictionary<string, float[]> ItemFactors,
    IReadOnlyList<(string ItemKey, float Score)> Popular,
    DateTimeOffset? WindowTo,
    string ParametersJson)
{
    /// <summary>
    /// Reads the live run of <paramref name="model"/> in one repeatable-read transaction (so a
    /// publish in between cannot mix two runs), or returns null when the model has no live run.
    /// </summary>
    /// <remarks>Memory is one float array per user and item: meant for the gate on runs that fit one machine.</remarks>
    public static async Task<LiveModelSnapshot?> ReadAsync(NpgsqlDataSource dataSource, string schema, string model, CancellationToken ct = default)
    {
        SqlIdentifier.ValidateSchema(schema, "postgres:schema");
        SqlIdentifier.ValidateModel(model, "run:model");
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        long? runId = null;
        DateTimeOffset? windowTo = null;
        string parameters = "{}";
        await using (var live = new NpgsqlCommand(
            $"SELECT l.run_id, r.window_to, r.params::text FROM {SqlIdentifier.Qualify(schema, "live")} l JOIN {SqlIdentifier.Qualify(schema, "runs")} r USING (run_id) WHERE l.model = $1", connection, tx))
        {
            live.Parameters.AddWithValue(model);
            await using var reader = await live.ExecuteReaderAsync(ct);
            if (await reader.ReadAsync(ct))
            {
                runId = reader.GetInt64(0);
                windowTo = reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1);
                parameters = reader.IsDBNull(2) ? "{}" : reader.GetString(2);
            }
        }
        if (runId is null)
        {
            return null;
        }
        var users = await ReadFactorsAsync(connection, tx, SqlIdentifier.Qualify(schema, "user_factors_" + model), "user_key", ct);
        var items = await ReadFactorsAsync(connection, tx, SqlIdentifier.Qualify(schema, "item_factors_" + model), "item_key", ct);
        var popular = new List<(string, float)>();
        await using (var cmd = new NpgsqlCommand($"SELECT item_key, score FROM {SqlIdentifier.Qualify(schema, "popular_" + model)} ORDER BY rank", connection, tx))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                popular.Add((reader.GetString(0), reader.GetFloat(1)));
            }
        }
        await tx.CommitAsync(ct);
        int rank = users.Count > 0 ? users.First().Value.Length : items.Count > 0 ? items.First().Value.Length : 0;
        return new LiveModelSnapshot(runId.Value, rank, users, items, popular, windowTo, parameters);
    }

    private static async Task<Dictionary<string, float[]>> ReadFactorsAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string view, string keyColumn, CancellationToken ct)
    {
        var result = new Dictionary<string, float[]>(StringComparer.Ordinal);
        await using var cmd = new NpgsqlCommand($"SELECT {keyColumn}, factors FROM {view}", connection, tx);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            result[reader.GetString(0)] = reader.GetFieldValue<float[]>(1);
        }
        return result;
    }
}
