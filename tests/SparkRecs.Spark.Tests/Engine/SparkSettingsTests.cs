using SparkRecs.Core.Errors;
using SparkRecs.Pipeline.Config;

namespace SparkRecs.Spark.Tests.Engine;

/// <summary>The <c>spark</c> section and the keys the Spark engine refuses, each named in the error.</summary>
public sealed class SparkSettingsTests
{
    private static JobConfig Load(params (string Key, string Value)[] settings) =>
        SparkScenario.Config(Path.GetTempPath(), "sc://spark-master:15002/;user_id=recs", "sparkcfg", settings);

    [Fact]
    public void The_cluster_profile_loads_with_the_spark_engine()
    {
        var config = Load();

        Assert.True(config.UsesSpark);
        Assert.False(config.UsesSample);
        Assert.Equal("s3a://lake/events", config.Spark.EventsPath);
        Assert.Equal(4, config.Spark.Blocks);
    }

    [Fact]
    public void The_local_engine_stays_the_default_and_ignores_the_spark_section()
    {
        var config = JobConfig.Load(null, [new("spark:blocks", "-1")], includeEnvironment: false);

        Assert.False(config.UsesSpark);
    }

    [Theory]
    [InlineData("run:engine", "flink", "run:engine")]
    [InlineData("spark:connect", "", "spark:connect")]
    [InlineData("spark:connect", "http://spark:15002", "spark:connect")]
    [InlineData("spark:eventsPath", "", "spark:eventsPath")]
    [InlineData("spark:blocks", "-2", "spark:blocks")]
    [InlineData("spark:executeTimeoutMinutes", "0", "spark:executeTimeoutMinutes")]
    [InlineData("spark:writeMode", "executors", "spark:writeMode")]
    [InlineData("spark:nope", "1", "spark:nope")]
    [InlineData("ingest:format", "auto", "ingest:format")]
    [InlineData("ingest:format", "movielens-100k", "ingest:format")]
    [InlineData("ingest:timestampFormat", "auto", "ingest:timestampFormat")]
    [InlineData("ingest:columns:user", "0", "ingest:columns:user")]
    [InlineData("ingest:columns:item", "item id", "ingest:columns:item")]
    [InlineData("ingest:iterativeMinSupport", "true", "ingest:iterativeMinSupport")]
    [InlineData("ingest:quarantinePath", "bad.tsv", "ingest:quarantinePath")]
    [InlineData("split:kind", "per-user-last", "split:kind")]
    [InlineData("split:rollingOrigins", "3", "split:rollingOrigins")]
    [InlineData("tuning:enabled", "true", "tuning:enabled")]
    public void A_key_the_spark_engine_cannot_use_is_refused_by_name(string key, string value, string named)
    {
        var error = Assert.Throws<ConfigurationException>(() => Load((key, value)));

        Assert.Contains(named, error.Message);
    }

    [Fact]
    public void A_token_in_the_connection_string_is_refused_and_never_echoed()
    {
        var error = Assert.Throws<ConfigurationException>(() => Load(("spark:connect", "sc://spark:15002/;token=s3cr3t-value")));

        Assert.Contains(SparkSettings.TokenVariable, error.Message);
        Assert.DoesNotContain("s3cr3t-value", error.Message);
    }

    [Theory]
    [InlineData("sc://spark:15002")]
    [InlineData("sc://spark:15002/")]
    [InlineData("sc://spark:15002/;user_id=recs")]
    public void The_token_from_the_environment_is_appended_and_hidden(string connect)
    {
        var settings = new SparkSettings { Connect = connect };

        var endpoint = settings.Endpoint("tok-123");

        Assert.True(endpoint.HasToken);
        Assert.True(endpoint.UseSsl);
        Assert.DoesNotContain("tok-123", endpoint.ToString());
        Assert.False(settings.Endpoint(null).HasToken);
    }

    [Theory]
    [InlineData("A;x-secret=B")]
    [InlineData("A;B")]
    [InlineData("abc%41def")]
    [InlineData("p=q;r")]
    public void A_token_with_separators_or_percent_signs_is_sent_exactly_and_never_shown(string token)
    {
        var settings = new SparkSettings { Connect = "sc://spark:15002/;user_id=recs" };

        var endpoint = settings.Endpoint(token);

        Assert.Equal(token, endpoint.Token);
        Assert.Empty(endpoint.Metadata);
        Assert.Equal("sc://spark:15002/;token=***;use_ssl=true;user_id=recs", endpoint.ToString());
    }

    [Fact]
    public void Every_spark_operation_gets_the_configured_deadline()
    {
        var settings = new SparkSettings { ExecuteTimeoutMinutes = 90 };

        Assert.Equal(TimeSpan.FromMinutes(90), settings.ClientOptions().ExecuteTimeout);
        Assert.Equal(TimeSpan.FromHours(6), new SparkSettings().ClientOptions().ExecuteTimeout);
    }
}
