using Npgsql;
using SparkRecs.Core.Errors;

namespace SparkRecs.Postgres.Configuration;

/// <summary>
/// Builds the <see cref="NpgsqlDataSource"/> every SparkRecs Postgres component uses, adding the
/// password from the environment and the TLS options, and renders connection strings for logs
/// with any password masked.
/// </summary>
public static class PostgresConnection
{
    /// <summary>Environment variable checked first for the database password.</summary>
    public const string PasswordVariable = "SPARKRECS_PG_PASSWORD";

    /// <summary>The libpq variable checked second.</summary>
    public const string LibpqPasswordVariable = "PGPASSWORD";

    /// <summary>
    /// A data source for <paramref name="connectionString"/> (the configured one, or the embedded
    /// server's): password from <c>SPARKRECS_PG_PASSWORD</c> or <c>PGPASSWORD</c> when set
    /// (otherwise Npgsql consults the pgpass file), TLS options from <paramref name="options"/>,
    /// command timeout, and an application name that shows up in <c>pg_stat_activity</c>.
    /// </summary>
    /// <exception cref="ConfigurationException">When the options or the connection string are invalid.</exception>
    public static NpgsqlDataSource CreateDataSource(PostgresOptions options, string connectionString)
    {
        options.Validate();
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!string.IsNullOrEmpty(builder.Password))
        {
            throw new ConfigurationException($"{PostgresOptions.Section}:connectionString", "must not contain a password; set SPARKRECS_PG_PASSWORD or PGPASSWORD, or use a pgpass file.");
        }
        string? password = Environment.GetEnvironmentVariable(PasswordVariable);
        if (string.IsNullOrEmpty(password))
        {
            password = Environment.GetEnvironmentVariable(LibpqPasswordVariable);
        }
        if (!string.IsNullOrEmpty(password))
        {
            builder.Password = password;
        }
        if (options.SslMode.Length > 0)
        {
            builder.SslMode = Enum.Parse<SslMode>(options.SslMode, ignoreCase: true);
        }
        if (options.RootCertificate.Length > 0)
        {
            builder.RootCertificate = options.RootCertificate;
        }
        if (options.SslCertificate.Length > 0)
        {
            builder.SslCertificate = options.SslCertificate;
        }
        if (options.SslKey.Length > 0)
        {
            builder.SslKey = options.SslKey;
        }
        builder.CommandTimeout = options.CommandTimeoutSeconds;
        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            builder.ApplicationName = "sparkrecs";
        }
        return new NpgsqlDataSourceBuilder(builder.ConnectionString).Build();
    }

    /// <summary>
    /// <paramref name="connectionString"/> with the password (if any) replaced by <c>***</c>,
    /// safe to print or log. An unparsable string is not echoed at all.
    /// </summary>
    public static string Mask(string connectionString)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException)
        {
            return "(unparsable connection string hidden)";
        }
        if (!string.IsNullOrEmpty(builder.Password))
        {
            builder.Password = "***";
        }
        return builder.ConnectionString;
    }
}
