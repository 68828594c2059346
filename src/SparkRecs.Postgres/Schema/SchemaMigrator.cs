using Npgsql;
using SparkRecs.Core.Errors;
using SparkRecs.Postgres.Configuration;

namespace SparkRecs.Postgres.Schema;

/// <summary>
/// Creates and upgrades the SparkRecs schema. Idempotent and safe to run from several processes
/// at once: each call takes a transaction-scoped advisory lock for the schema, reads
/// <c>schema_version</c>, and applies only the migrations not yet recorded, all in one
/// transaction (PostgreSQL DDL is transactional, so a failed migration leaves nothing behind).
/// </summary>
public sealed class SchemaMigrator(NpgsqlDataSource dataSource, string schema)
{
    /// <summary>The version this build of SparkRecs migrates to.</summary>
    public static int LatestVersion => Migrations.For("sparkrecs").Max(m => m.Version);

    /// <summary>Applies the missing migrations and returns the schema's version afterwards.</summary>
    /// <exception cref="ConfigurationException">When the schema name is not a safe identifier.</exception>
    /// <exception cref="PublishException">When the database rejects a migration, or holds a newer schema than this build knows.</exception>
    public async Task<int> MigrateAsync(CancellationToken cancellationToken = default)
    {
        SqlIdentifier.ValidateSchema(schema, $"{PostgresOptions.Section}:schema");
        string s = SqlIdentifier.Quote(schema);
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var tx = await connection.BeginTransactionAsync(cancellationToken);
            await using (var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({AdvisoryLocks.Migrate})", connection, tx))
            {
                lockCommand.Parameters.AddWithValue("schema", schema);
                await lockCommand.ExecuteNonQueryAsync(cancellationToken);
            }
            await using (var create = new NpgsqlCommand(
                $"""
                CREATE SCHEMA IF NOT EXISTS {s};
                CREATE TABLE IF NOT EXISTS {s}.schema_version (
                    version     integer PRIMARY KEY,
                    description text NOT NULL,
                    applied_at  timestamptz NOT NULL DEFAULT now()
                );
                """, connection, tx))
            {
                await create.ExecuteNonQueryAsync(cancellationToken);
            }
            int current;
            await using (var read = new NpgsqlCommand($"SELECT coalesce(max(version), 0) FROM {s}.schema_version", connection, tx))
            {
                current = Convert.ToInt32(await read.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            }
            var migrations = Migrations.For(schema);
            int latest = migrations.Max(m => m.Version);
            if (current > latest)
            {
                throw new PublishException($"Schema {schema} is at version {current}, newer than the {latest} this build of SparkRecs knows; upgrade SparkRecs or use another postgres:schema.");
            }
            foreach (var migration in migrations.Where(m => m.Version > current))
            {
                await using var apply = new NpgsqlCommand(migration.Sql, connection, tx);
                await apply.ExecuteNonQueryAsync(cancellationToken);
                await using var record = new NpgsqlCommand($"INSERT INTO {s}.schema_version (version, description) VALUES (@v, @d)", connection, tx);
                record.Parameters.AddWithValue("v", migration.Version);
                record.Parameters.AddWithValue("d", migration.Description);
                await record.ExecuteNonQueryAsync(cancellationToken);
            }
            await tx.CommitAsync(cancellationToken);
            return latest;
        }
        catch (PostgresException ex)
        {
            throw new PublishException($"Migrating schema {schema} failed: {ex.MessageText} (SQLSTATE {ex.SqlState}). Check that the user may CREATE in the database.", ex);
        }
    }
}
