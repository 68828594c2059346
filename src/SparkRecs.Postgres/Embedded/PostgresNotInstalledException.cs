using SparkRecs.Core.Errors;

namespace SparkRecs.Postgres.Embedded;

/// <summary>
/// The embedded default needs the machine's PostgreSQL server programs (initdb, pg_ctl) and they
/// are not there. The pipeline catches this to keep its file output and tell the user how to get
/// a database; exit code 6 like every publish failure.
/// </summary>
public sealed class PostgresNotInstalledException(string message) : SparkRecsException(message)
{
    /// <inheritdoc />
    public override int ExitCode => 6;
}
