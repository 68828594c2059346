using Npgsql;
using SparkRecs.Core.Errors;

namespace SparkRecs.Postgres.Configuration;

/// <summary>
/// The <c>postgres:*</c> section of a job config: where to publish, under which schema and model
/// name, how many versions to keep, and the TLS settings handed to Npgsql unchanged.
/// </summary>
/// <remarks>
/// Secrets never live here. A password comes from <c>SPARKRECS_PG_PASSWORD</c>, then
/// <c>PGPASSWORD</c>, then a pgpass file (<c>Passfile=</c> in the connection string, or
/// <c>PGPASSFILE</c>, or <c>~/.pgpass</c>); a connection string that carries a password is
/// rejected by <see cref="Validate"/> so it cannot end up in a config file or a log.
/// Schema and model names become parts of SQL identifiers (schema, per-run tables, per-model
/// views); they are validated against <see cref="SqlIdentifier"/>'s rules and always quoted.
/// </remarks>
public sealed class PostgresOptions
{
    /// <summary>The config section these options are bound from.</summary>
    public const string Section = "postgres";

    /// <summary>
    /// Npgsql connection string without a password. Empty means "the embedded default": the job
    /// starts a private PostgreSQL under its state folder (see <c>EmbeddedPostgres</c>).
    /// </summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Schema holding the registry, the per-run tables and the serving views and functions.</summary>
    public string Schema { get; set; } = "sparkrecs";

    /// <summary>Model name: one live version per model; part of the serving view names.</summary>
    public string Model { get; set; } = "default";

    /// <summary>How many of the most recent loaded runs of a model keep their tables (the live run always does). At least 1.</summary>
    public int RetainRuns { get; set; } = 3;

    /// <summary>Seconds a single statement may run (index builds on large runs take a while). 0 = no limit.</summary>
    public int CommandTimeoutSeconds { get; set; } = 3600;

    /// <summary>
    /// Seconds a publish or rollback waits for another publish of the same model (the per-model
    /// advisory lock) and for readers holding the serving views, before failing with a
    /// <see cref="PublishException"/> that says who holds it.
    /// </summary>
    public int PublishLockWaitSeconds { get; set; } = 60;

    /// <summary>
    /// A run registered by <c>BeginRunAsync</c> whose load never started is treated as abandoned
    /// after this many hours (a run whose load started is detected at once, by its lock).
    /// </summary>
    public double AbandonedRunHours { get; set; } = 24;

    /// <summary>Npgsql <c>SslMode</c> (Disable, Allow, Prefer, Require, VerifyCA, VerifyFull); empty = Npgsql's default.</summary>
    public string SslMode { get; set; } = "";

    /// <summary>Path of the CA certificate used to verify the server (VerifyCA / VerifyFull).</summary>
    public string RootCertificate { get; set; } = "";

    /// <summary>Path of a client certificate for certificate authentication.</summary>
    public string SslCertificate { get; set; } = "";

    /// <summary>Path of the client certificate's private key.</summary>
    public string SslKey { get; set; } = "";

    /// <summary>True when no connection string is configured and the embedded server should be used.</summary>
    public bool UsesEmbeddedServer => string.IsNullOrWhiteSpace(ConnectionString);

    /// <summary>
    /// Checks every key and throws a <see cref="ConfigurationException"/> naming the first bad one
    /// (<c>postgres:schema</c>, <c>postgres:model</c>, ...) with what to do.
    /// </summary>
    public void Validate()
    {
        SqlIdentifier.ValidateSchema(Schema, $"{Section}:schema");
        SqlIdentifier.ValidateModel(Model, $"{Section}:model");
        if (RetainRuns < 1)
        {
            throw new ConfigurationException($"{Section}:retainRuns", $"must be at least 1 (the live run), got {RetainRuns}; 3 keeps two runs to roll back to.");
        }
        if (CommandTimeoutSeconds < 0)
        {
            throw new ConfigurationException($"{Section}:commandTimeoutSeconds", $"must be 0 (no limit) or positive, got {CommandTimeoutSeconds}.");
        }
        if (PublishLockWaitSeconds < 1)
        {
            throw new ConfigurationException($"{Section}:publishLockWaitSeconds", $"must be at least 1, got {PublishLockWaitSeconds}.");
        }
        if (!(AbandonedRunHours >= 0))
        {
            throw new ConfigurationException($"{Section}:abandonedRunHours", $"must be 0 or positive, got {AbandonedRunHours}.");
        }
        if (SslMode.Length > 0 && !Enum.TryParse<SslMode>(SslMode, ignoreCase: true, out _))
        {
            throw new ConfigurationException($"{Section}:sslMode", $"'{SslMode}' is not one of {string.Join(", ", Enum.GetNames<SslMode>())}.");
        }
        if (!UsesEmbeddedServer)
        {
            NpgsqlConnectionStringBuilder builder;
            try
            {
                builder = new NpgsqlConnectionStringBuilder(ConnectionString);
            }
            catch (ArgumentException ex)
            {
                // The parser's message may quote the string, password included: do not pass it on.
                throw new ConfigurationException($"{Section}:connectionString", $"is not a valid Npgsql connection string ({ex.GetType().Name}); expected e.g. 'Host=db;Port=5432;Database=sparkrecs;Username=recs'.");
            }
            if (!string.IsNullOrEmpty(builder.Password))
            {
                throw new ConfigurationException($"{Section}:connectionString", "must not contain a password; set SPARKRECS_PG_PASSWORD or PGPASSWORD in the environment, or use a pgpass file (Passfile=...).");
            }
        }
    }
}
