using Npgsql;
using SparkRecs.Core.Errors;
using SparkRecs.Postgres.Configuration;
using SparkRecs.Postgres.Embedded;
using SparkRecs.Postgres.Publishing;
using SparkRecs.Postgres.Schema;

namespace SparkRecs.Postgres;

/// <summary>
/// The one call a job needs before publishing: resolves where to publish (the configured server,
/// or the embedded one under the state folder), opens a data source, migrates the schema and
/// hands out a <see cref="Publisher"/>.
/// </summary>
public sealed class PostgresTarget : IAsyncDisposable
{
    private PostgresTarget(NpgsqlDataSource dataSource, PostgresOptions options, string connectionString, bool isEmbedded)
    {
        DataSource = dataSource;
        Options = options;
        ConnectionString = connectionString;
        IsEmbedded = isEmbedded;
        Publisher = new Publisher(dataSource, options);
    }

    /// <summary>The pooled data source (password from the environment or pgpass applied).</summary>
    public NpgsqlDataSource DataSource { get; }

    /// <summary>The validated options.</summary>
    public PostgresOptions Options { get; }

    /// <summary>The connection string used, without any password: safe to print.</summary>
    public string ConnectionString { get; }

    /// <summary>True when the embedded server under the state folder is used.</summary>
    public bool IsEmbedded { get; }

    /// <summary>The publisher for this target's schema.</summary>
    public Publisher Publisher { get; }

    /// <summary>
    /// Validates <paramref name="options"/>, starts the embedded server when no connection string
    /// is configured, and migrates the schema.
    /// </summary>
    /// <param name="options">The <c>postgres:*</c> settings.</param>
    /// <param name="stateDir">The job's state folder (holds the embedded server).</param>
    /// <param name="cancellationToken">Cancels start-up and migration.</param>
    /// <exception cref="ConfigurationException">When an option is invalid.</exception>
    /// <exception cref="PostgresNotInstalledException">When the embedded default is needed and PostgreSQL is not installed; keep the file output.</exception>
    /// <exception cref="PublishException">When the server cannot be reached or migrated.</exception>
    public static async Task<PostgresTarget> ConnectAsync(PostgresOptions options, string stateDir, CancellationToken cancellationToken = default)
    {
        options.Validate();
        bool embedded = options.UsesEmbeddedServer;
        string connectionString = embedded
            ? await EmbeddedPostgres.EnsureStartedAsync(stateDir, cancellationToken)
            : options.ConnectionString;
        var dataSource = PostgresConnection.CreateDataSource(options, connectionString);
        try
        {
            await new SchemaMigrator(dataSource, options.Schema).MigrateAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or IOException or TimeoutException)
        {
            await dataSource.DisposeAsync();
            throw new PublishException($"Cannot reach PostgreSQL at {PostgresConnection.Mask(connectionString)}: {ex.Message}. Check postgres:connectionString, the server, and the password (SPARKRECS_PG_PASSWORD, PGPASSWORD or pgpass).", ex);
        }
        catch
        {
            await dataSource.DisposeAsync();
            throw;
        }
        return new PostgresTarget(dataSource, options, PostgresConnection.Mask(connectionString), embedded);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
