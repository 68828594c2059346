using SparkRecs.Core.Errors;
using SparkRecs.Spark.Connect;

namespace SparkRecs.Spark.Tests.Connect;

public sealed class SparkConnectEndpointTests
{
    [Fact]
    public void Host_port_and_every_known_parameter_are_read()
    {
        var endpoint = SparkConnectEndpoint.Parse("sc://spark-master.example.com:443/;use_ssl=true;token=abc;user_id=recs;user_agent=nightly;session_id=550E8400-E29B-41D4-A716-446655440000");

        Assert.Equal("spark-master.example.com", endpoint.Host);
        Assert.Equal(443, endpoint.Port);
        Assert.True(endpoint.UseSsl);
        Assert.True(endpoint.HasToken);
        Assert.Equal("abc", endpoint.Token);
        Assert.Equal("recs", endpoint.UserId);
        Assert.Equal("nightly", endpoint.UserAgent);
        Assert.Equal("550e8400-e29b-41d4-a716-446655440000", endpoint.SessionId);
        Assert.Equal(new Uri("https://spark-master.example.com:443/"), endpoint.BaseAddress);
    }

    [Theory]
    [InlineData("sc://myhost.com/")]
    [InlineData("sc://myhost.com")]
    [InlineData("SC://myhost.com")]
    public void The_port_defaults_to_15002_over_plaintext(string text)
    {
        var endpoint = SparkConnectEndpoint.Parse(text);

        Assert.Equal(("myhost.com", 15002, false, false), (endpoint.Host, endpoint.Port, endpoint.UseSsl, endpoint.HasToken));
        Assert.Equal(new Uri("http://myhost.com:15002/"), endpoint.BaseAddress);
    }

    [Fact]
    public void Parameters_may_follow_the_authority_without_a_slash()
    {
        var endpoint = SparkConnectEndpoint.Parse("sc://localhost:15002;user_id=me");

        Assert.Equal(("localhost", 15002, "me"), (endpoint.Host, endpoint.Port, endpoint.UserId));
    }

    [Fact]
    public void A_token_turns_tls_on()
    {
        Assert.True(SparkConnectEndpoint.Parse("sc://host:15002/;token=abc").UseSsl);
    }

    [Fact]
    public void A_token_over_plaintext_to_a_remote_host_is_refused_without_showing_it()
    {
        var error = Assert.Throws<ConfigurationException>(() => SparkConnectEndpoint.Parse("sc://spark.example.com/;token=very-secret;use_ssl=false"));

        Assert.Equal("spark:connect", error.Key);
        Assert.Contains("TLS", error.Message);
        Assert.DoesNotContain("very-secret", error.Message);
    }

    [Theory]
    [InlineData("sc://127.0.0.1:9000/;token=t;use_ssl=false")]
    [InlineData("sc://localhost:9000/;token=t;use_ssl=false")]
    [InlineData("sc://[::1]:9000/;token=t;use_ssl=false")]
    public void A_token_over_plaintext_is_allowed_to_loopback(string text)
    {
        var endpoint = SparkConnectEndpoint.Parse(text);

        Assert.False(endpoint.UseSsl);
        Assert.Equal(9000, endpoint.Port);
    }

    [Fact]
    public void An_ipv6_host_is_read_without_brackets_and_shown_with_them()
    {
        var endpoint = SparkConnectEndpoint.Parse("sc://[fe80::1]:15003");

        Assert.Equal("fe80::1", endpoint.Host);
        Assert.Equal(15003, endpoint.Port);
        Assert.StartsWith("sc://[fe80::1]:15003/", endpoint.ToString());
    }

    [Fact]
    public void Unknown_parameters_become_metadata_headers_and_names_are_case_sensitive()
    {
        var endpoint = SparkConnectEndpoint.Parse("sc://host/;x-tenant=recs;token_hint=a");

        Assert.Equal("recs", endpoint.Metadata["x-tenant"]);
        Assert.Equal("a", endpoint.Metadata["token_hint"]);
        Assert.False(endpoint.HasToken);
        Assert.Throws<ConfigurationException>(() => SparkConnectEndpoint.Parse("sc://host/;User_Id=me"));
    }

    [Fact]
    public void Percent_encoded_values_are_decoded()
    {
        Assert.Equal("a b;c", SparkConnectEndpoint.Parse("sc://host/;user_id=a%20b%3Bc").UserId);
    }

    [Theory]
    [InlineData("http://host:15002", "sc://")]
    [InlineData("sc://", "host is missing")]
    [InlineData("sc://host:15002/prefix/;token=x", "path must be empty")]
    [InlineData("sc://host:0", "port")]
    [InlineData("sc://host:70000", "port")]
    [InlineData("sc://host:abc", "port")]
    [InlineData("sc://ho st", "host")]
    [InlineData("sc://user@host", "user_id")]
    [InlineData("sc://host/;use_ssl=maybe", "use_ssl")]
    [InlineData("sc://host/;session_id=not-a-uuid", "UUID")]
    [InlineData("sc://host/;user_id=a;user_id=b", "twice")]
    [InlineData("sc://host/;novalue", "name=value")]
    [InlineData("sc://host/;token=", "token is empty")]
    [InlineData("sc://[::1", "not closed")]
    public void Malformed_strings_are_refused_naming_the_problem(string text, string expected)
    {
        var error = Assert.Throws<ConfigurationException>(() => SparkConnectEndpoint.Parse(text, "spark:url"));

        Assert.Equal("spark:url", error.Key);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Parse_errors_never_contain_the_token()
    {
        var error = Assert.Throws<ConfigurationException>(() => SparkConnectEndpoint.Parse("sc://host:99999/;token=hunter2-token"));

        Assert.DoesNotContain("hunter2-token", error.Message);
        Assert.Contains("token=***", error.Message);
    }

    [Fact]
    public void To_string_hides_the_token_but_keeps_everything_else()
    {
        string text = SparkConnectEndpoint.Parse("sc://host:1234/;token=hunter2;user_id=me").ToString();

        Assert.Equal("sc://host:1234/;token=***;use_ssl=true;user_id=me", text);
    }

    [Fact]
    public void To_string_parses_back_to_the_same_endpoint_when_there_is_no_token()
    {
        var original = SparkConnectEndpoint.Parse("sc://host:1234/;user_id=me;session_id=550e8400-e29b-41d4-a716-446655440000;x-a=b");

        var again = SparkConnectEndpoint.Parse(original.ToString());

        Assert.Equal(original.ToString(), again.ToString());
    }

    [Fact]
    public void To_string_hides_the_values_of_extra_header_parameters()
    {
        string text = SparkConnectEndpoint.Parse("sc://host:1234/;user_id=me;x-api-key=k3y-value").ToString();

        Assert.DoesNotContain("k3y-value", text);
        Assert.EndsWith(";x-api-key=***", text);
    }
}
