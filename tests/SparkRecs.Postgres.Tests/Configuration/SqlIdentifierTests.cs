using SparkRecs.Core.Errors;
using SparkRecs.Postgres.Configuration;

namespace SparkRecs.Postgres.Tests.Configuration;

public sealed class SqlIdentifierTests
{
    public static TheoryData<string> Unsafe => new()
    {
        "x\"; drop table runs; --",
        "x'; drop table runs; --",
        "Robert'); DROP TABLE students;--",
        "has space",
        "UpperCase",
        "1starts_with_digit",
        "dash-ed",
        "dot.ted",
        "",
        "ünïcode",
        new string('a', SqlIdentifier.MaxSchemaLength + 1),
    };

    [Theory]
    [MemberData(nameof(Unsafe))]
    public void Unsafe_model_names_are_rejected_with_the_config_key(string name)
    {
        var error = Assert.Throws<ConfigurationException>(() => new PostgresOptions { Model = name }.Validate());

        Assert.Equal("postgres:model", error.Key);
    }

    [Theory]
    [MemberData(nameof(Unsafe))]
    [InlineData("pg_catalog")]
    public void Unsafe_schema_names_are_rejected_with_the_config_key(string name)
    {
        var error = Assert.Throws<ConfigurationException>(() => new PostgresOptions { Schema = name }.Validate());

        Assert.Equal("postgres:schema", error.Key);
    }

    [Theory]
    [InlineData("default")]
    [InlineData("home_feed_v2")]
    [InlineData("_private")]
    public void Plain_lower_case_names_are_accepted(string name)
    {
        new PostgresOptions { Model = name, Schema = name }.Validate();

        Assert.True(SqlIdentifier.IsValidModel(name));
    }

    [Fact]
    public void Quoting_doubles_embedded_quotes_so_a_name_cannot_close_its_quotes()
    {
        Assert.Equal("\"a\"\"b\"", SqlIdentifier.Quote("a\"b"));
        Assert.Equal("\"s\".\"t\"", SqlIdentifier.Qualify("s", "t"));
    }

    [Fact]
    public void Retain_runs_below_one_is_rejected()
    {
        var error = Assert.Throws<ConfigurationException>(() => new PostgresOptions { RetainRuns = 0 }.Validate());

        Assert.Equal("postgres:retainRuns", error.Key);
    }

    [Fact]
    public void An_unknown_ssl_mode_is_rejected_listing_the_valid_ones()
    {
        var error = Assert.Throws<ConfigurationException>(() => new PostgresOptions { SslMode = "sometimes" }.Validate());

        Assert.Equal("postgres:sslMode", error.Key);
        Assert.Contains("VerifyFull", error.Message, StringComparison.Ordinal);
    }
}
