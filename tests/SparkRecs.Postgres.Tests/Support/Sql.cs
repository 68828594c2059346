using Npgsql;

namespace SparkRecs.Postgres.Tests.Support;

/// <summary>Small query helpers for assertions.</summary>
public static class Sql
{
    public static async Task<T?> ScalarAsync<T>(NpgsqlDataSource dataSource, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        object? result = await command.ExecuteScalarAsync();
        return result is null or DBNull ? default : (T)result;
    }

    public static async Task<List<(int Rank, string Item, float Score)>> RankedAsync(NpgsqlDataSource dataSource, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        var rows = new List<(int, string, float)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetInt32(0), reader.GetString(1), reader.GetFloat(2)));
        }
        return rows;
    }

    /// <summary>The run-table names that exist in a schema (e.g. recs_r3).</summary>
    public static async Task<List<string>> RunTablesAsync(NpgsqlDataSource dataSource, string schema)
    {
        await using var command = dataSource.CreateCommand("SELECT tablename FROM pg_tables WHERE schemaname = @s AND tablename ~ '_r[0-9]+$' ORDER BY 1");
        command.Parameters.AddWithValue("s", schema);
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }
        return names;
    }
}
