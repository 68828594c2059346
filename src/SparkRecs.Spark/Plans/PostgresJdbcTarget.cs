using SparkRecs.Core.Errors;

namespace SparkRecs.Spark.Plans;

/// <summary>
/// The Postgres database Spark's executors write staging tables into over JDBC. Built from the
/// environment so the password never sits in a config file; <see cref="ToString"/> hides it.
/// </summary>
/// <remarks>
/// The executors need the PostgreSQL JDBC driver on their classpath (e.g. start the Connect server
/// with <c>--packages org.postgresql:postgresql:42.7.4</c>). The URL is as the executors see the
/// database, which may differ from the address the .NET driver uses.
/// </remarks>
public sealed class PostgresJdbcTarget
{
    /// <summary>Environment variable of the JDBC URL, e.g. <c>jdbc:postgresql://db:5432/recs</c>.</summary>
    public const string UrlVariable = "SPARKRECS_SPARK_JDBC_URL";

    /// <summary>Environment variable of the database user.</summary>
    public const string UserVariable = "SPARKRECS_SPARK_JDBC_USER";

    /// <summary>Environment variables of the password, first set wins (the same as the Postgres publisher's).</summary>
    public static readonly IReadOnlyList<string> PasswordVariables = ["SPARKRECS_PG_PASSWORD", "PGPASSWORD"];

    /// <summary>Creates a target; prefer <see cref="FromEnvironment"/> outside tests.</summary>
    /// <exception cref="ArgumentException">The URL is not a <c>jdbc:postgresql:</c> URL.</exception>
    public PostgresJdbcTarget(string url, string user, string password)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        ArgumentNullException.ThrowIfNull(password);
        if (!url.StartsWith("jdbc:postgresql:", StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{url}' is not a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database).", nameof(url));
        }
        Url = url;
        User = user;
        Password = password;
    }

    /// <summary>The JDBC URL.</summary>
    public string Url { get; }

    /// <summary>The database user.</summary>
    public string User { get; }

    /// <summary>The password. A secret: it goes into the write plan only; never log it.</summary>
    internal string Password { get; }

    /// <summary>Reads the target from <see cref="UrlVariable"/>, <see cref="UserVariable"/> and <see cref="PasswordVariables"/>.</summary>
    /// <exception cref="ConfigurationException">A variable is unset; the message names it.</exception>
    public static PostgresJdbcTarget FromEnvironment()
    {
        string url = Environment.GetEnvironmentVariable(UrlVariable) is { Length: > 0 } u
            ? u : throw new ConfigurationException(UrlVariable, "is not set; set it to the JDBC URL the Spark executors use to reach Postgres, e.g. jdbc:postgresql://db:5432/recs.");
        string user = Environment.GetEnvironmentVariable(UserVariable) is { Length: > 0 } name
            ? name : throw new ConfigurationException(UserVariable, "is not set; set it to the Postgres user the Spark executors write staging tables as.");
        string? password = PasswordVariables.Select(Environment.GetEnvironmentVariable).FirstOrDefault(p => !string.IsNullOrEmpty(p));
        if (password is null)
        {
            throw new ConfigurationException(PasswordVariables[0], $"is not set (nor {string.Join(", ", PasswordVariables.Skip(1))}); the Spark executors need the Postgres password to write staging tables.");
        }
        if (!url.StartsWith("jdbc:postgresql:", StringComparison.Ordinal))
        {
            throw new ConfigurationException(UrlVariable, $"'{url}' is not a PostgreSQL JDBC URL; use jdbc:postgresql://host:port/database.");
        }
        return new PostgresJdbcTarget(url, user, password);
    }

    /// <summary>URL and user, password hidden.</summary>
    public override string ToString() => $"{Url} as {User} (password hidden)";
}
