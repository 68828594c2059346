using Npgsql;
using SparkRecs.Core.Errors;
using SparkRecs.Postgres.Configuration;

namespace SparkRecs.Postgres.Tests.Configuration;

public sealed class PostgresConnectionTests
{
    [Fact]
    public void A_connection_string_carrying_a_password_is_rejected_without_echoing_it()
    {
        var options = new PostgresOptions { ConnectionString = "Host=db;Username=recs;Password=hunter2" };

        var error = Assert.Throws<ConfigurationException>(options.Validate);

        Assert.Equal("postgres:connectionString", error.Key);
        Assert.Contains("SPARKRECS_PG_PASSWORD", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mask_replaces_the_password_and_keeps_the_rest()
    {
        string masked = PostgresConnection.Mask("Host=db;Port=6432;Username=recs;Password=hunter2");

        Assert.DoesNotContain("hunter2", masked, StringComparison.Ordinal);
        Assert.Contains("Password=***", masked, StringComparison.Ordinal);
        Assert.Contains("Port=6432", masked, StringComparison.Ordinal);
        Assert.DoesNotContain("bad", PostgresConnection.Mask("Host=db;Password=bad;=="), StringComparison.Ordinal);
    }

    [Fact]
    public void Tls_options_and_the_command_timeout_reach_npgsql()
    {
        var options = new PostgresOptions
        {
            ConnectionString = "Host=db.example;Database=recs;Username=recs",
            SslMode = "verifyfull",
            RootCertificate = "/etc/ssl/ca.pem",
            SslCertificate = "/etc/ssl/client.pem",
            SslKey = "/etc/ssl/client.key",
            CommandTimeoutSeconds = 77,
        };

        using var dataSource = PostgresConnection.CreateDataSource(options, options.ConnectionString);

        var built = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
        Assert.Equal(SslMode.VerifyFull, built.SslMode);
        Assert.Equal("/etc/ssl/ca.pem", built.RootCertificate);
        Assert.Equal("/etc/ssl/client.pem", built.SslCertificate);
        Assert.Equal("/etc/ssl/client.key", built.SslKey);
        Assert.Equal(77, built.CommandTimeout);
        Assert.Equal("sparkrecs", built.ApplicationName);
    }
}
