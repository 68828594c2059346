using System.Net;
using SparkRecs.Core.Errors;

namespace SparkRecs.Spark.Connect;

/// <summary>
/// Where and how to reach a Spark Connect server, parsed from a connection string of the form
/// <c>sc://host:port/;token=...;user_id=...;use_ssl=true</c> as the Spark Connect client
/// connection string specification defines it: scheme <c>sc</c>, default port 15002, an empty
/// path, then case-sensitive <c>;name=value</c> parameters.
/// </summary>
/// <remarks>
/// <para>Recognised parameters: <c>token</c> (sent as <c>authorization: Bearer</c>; setting it turns
/// TLS on), <c>use_ssl</c>, <c>user_id</c> (the UserContext), <c>user_agent</c> (the client type
/// reported to the server), <c>session_id</c> (a UUID, to share a server-side session). Any other
/// parameter is sent as a gRPC metadata header on every call, as the reference clients do.</para>
/// <para>The token is a secret: <see cref="ToString"/> and every error message redact it. A token
/// is refused over plaintext to a host other than loopback (<c>token=...;use_ssl=false</c> is only
/// accepted for 127.0.0.1, ::1 and localhost, e.g. an SSH tunnel or a test server).</para>
/// </remarks>
public sealed class SparkConnectEndpoint
{
    /// <summary>The port Spark Connect servers listen on unless told otherwise.</summary>
    public const int DefaultPort = 15002;

    /// <summary>The config key the connection string normally comes from, named in parse errors.</summary>
    public const string DefaultConfigKey = "spark:connect";

    private const string Scheme = "sc://";

    private static readonly HashSet<string> KnownParameters = ["token", "use_ssl", "user_id", "user_agent", "session_id"];

    private SparkConnectEndpoint(string host, int port, bool useSsl, string? token, string? userId, string? userAgent, string? sessionId, IReadOnlyDictionary<string, string> metadata)
    {
        Host = host;
        Port = port;
        UseSsl = useSsl;
        Token = token;
        UserId = userId;
        UserAgent = userAgent;
        SessionId = sessionId;
        Metadata = metadata;
    }

    /// <summary>Host name or IP address of the server (IPv6 without brackets).</summary>
    public string Host { get; }

    /// <summary>TCP port of the server.</summary>
    public int Port { get; }

    /// <summary>Whether the connection uses TLS (https); HTTP/2 over plaintext (h2c) otherwise.</summary>
    public bool UseSsl { get; }

    /// <summary>The bearer token, or <see langword="null"/>. A secret: never log it.</summary>
    internal string? Token { get; }

    /// <summary>Whether a bearer token is configured (without revealing it).</summary>
    public bool HasToken => Token is not null;

    /// <summary>The <c>user_id</c> parameter, or <see langword="null"/> (the client then uses the OS user name).</summary>
    public string? UserId { get; }

    /// <summary>The <c>user_agent</c> parameter, or <see langword="null"/>.</summary>
    public string? UserAgent { get; }

    /// <summary>The <c>session_id</c> parameter (a UUID), or <see langword="null"/> for a fresh session.</summary>
    public string? SessionId { get; }

    /// <summary>Other parameters, sent as gRPC metadata headers on every call.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The base address requests go to: <c>http://host:port</c> or <c>https://host:port</c>.</summary>
    public Uri BaseAddress => new UriBuilder(UseSsl ? "https" : "http", Host, Port).Uri;

    /// <summary>Parses a connection string.</summary>
    /// <param name="connectionString">e.g. <c>sc://spark-master:15002/;token=...;use_ssl=true</c>.</param>
    /// <param name="configKey">The config key the string came from, named in errors.</param>
    /// <exception cref="ConfigurationException">The string does not follow the specification; the message says which part and never contains the token.</exception>
    public static SparkConnectEndpoint Parse(string connectionString, string configKey = DefaultConfigKey)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        string redacted = Redact(connectionString);
        ConfigurationException Fail(string why) => new(configKey, $"'{redacted}' is not a Spark Connect connection string: {why} Expected sc://host[:port][/;name=value...], e.g. sc://spark-master:15002/;token=...;use_ssl=true.");

        string text = connectionString.Trim();
        if (!text.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            throw Fail("it must start with 'sc://'.");
        }
        string rest = text[Scheme.Length..];
        int slash = rest.IndexOf('/');
        int semicolon = rest.IndexOf(';');
        int authorityEnd = slash >= 0 && (semicolon < 0 || slash < semicolon) ? slash : semicolon >= 0 ? semicolon : rest.Length;
        string authority = rest[..authorityEnd];
        string tail = rest[authorityEnd..];
        if (tail.StartsWith('/'))
        {
            tail = tail[1..];
        }
        if (tail.Length > 0 && !tail.StartsWith(';'))
        {
            throw Fail("the path must be empty (Spark Connect is served at the root; put parameters after '/;').");
        }

        (string host, int port) = ParseAuthority(authority, Fail);
        Dictionary<string, string> parameters = ParseParameters(tail, Fail);

        parameters.TryGetValue("token", out string? token);
        bool? useSsl = null;
        if (parameters.TryGetValue("use_ssl", out string? sslText))
        {
            useSsl = bool.TryParse(sslText, out bool ssl) ? ssl : throw Fail($"use_ssl must be true or false; got '{sslText}'.");
        }
        if (token is not null && useSsl == false && !IsLoopback(host))
        {
            throw Fail($"a token is only sent over TLS to a remote host; remove use_ssl=false (the token turns TLS on), or connect through a loopback tunnel.");
        }
        if (token is { Length: 0 })
        {
            throw Fail("token is empty; remove it or give the token.");
        }
        string? sessionId = null;
        if (parameters.TryGetValue("session_id", out string? sessionText))
        {
            sessionId = Guid.TryParseExact(sessionText, "D", out Guid session) ? session.ToString("D") : throw Fail($"session_id must be a UUID like 550e8400-e29b-41d4-a716-446655440000; got '{sessionText}'.");
        }
        parameters.TryGetValue("user_id", out string? userId);
        parameters.TryGetValue("user_agent", out string? userAgent);

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach ((string name, string value) in parameters)
        {
            if (!KnownParameters.Contains(name))
            {
                if (!IsHeaderName(name))
                {
                    throw Fail($"parameter '{name}' is not a known parameter (token, use_ssl, user_id, user_agent, session_id) and cannot be sent as a metadata header (lower-case letters, digits, '-', '_' and '.').");
                }
                metadata[name] = value;
            }
        }
        return new SparkConnectEndpoint(host, port, useSsl ?? token is not null, token, userId, userAgent, sessionId, metadata);
    }

    /// <summary>
    /// The connection string with the token and the values of extra header parameters replaced by
    /// <c>***</c> (a header such as <c>x-api-key</c> may be a credential too); safe to log.
    /// </summary>
    public override string ToString()
    {
        string host = Host.Contains(':') ? $"[{Host}]" : Host;
        var text = new System.Text.StringBuilder($"sc://{host}:{Port}/");
        if (HasToken)
        {
            text.Append(";token=***");
        }
        text.Append(";use_ssl=").Append(UseSsl ? "true" : "false");
        if (UserId is not null)
        {
            text.Append(";user_id=").Append(UserId);
        }
        if (UserAgent is not null)
        {
            text.Append(";user_agent=").Append(UserAgent);
        }
        if (SessionId is not null)
        {
            text.Append(";session_id=").Append(SessionId);
        }
        foreach (string name in Metadata.Keys)
        {
            text.Append(';').Append(name).Append("=***");
        }
        return text.ToString();
    }

    /// <summary><c>host:port</c>, for messages.</summary>
    internal string Authority => Host.Contains(':') ? $"[{Host}]:{Port}" : $"{Host}:{Port}";

    private static (string Host, int Port) ParseAuthority(string authority, Func<string, ConfigurationException> fail)
    {
        if (authority.Length == 0)
        {
            throw fail("the host is missing.");
        }
        if (authority.Contains('@'))
        {
            throw fail("user information before the host is not part of the format; pass user_id=... and token=... as parameters.");
        }
        string host;
        string? portText = null;
        if (authority.StartsWith('['))
        {
            int close = authority.IndexOf(']');
            if (close < 0)
            {
                throw fail("an IPv6 address opened with '[' is not closed with ']'.");
            }
            host = authority[1..close];
            string after = authority[(close + 1)..];
            if (after.Length > 0)
            {
                portText = after.StartsWith(':') ? after[1..] : throw fail($"unexpected '{after}' after the IPv6 address.");
            }
            if (!IPAddress.TryParse(host, out _))
            {
                throw fail($"'{host}' is not an IPv6 address.");
            }
        }
        else
        {
            int colon = authority.IndexOf(':');
            host = colon < 0 ? authority : authority[..colon];
            portText = colon < 0 ? null : authority[(colon + 1)..];
            if (Uri.CheckHostName(host) is UriHostNameType.Unknown or UriHostNameType.IPv6)
            {
                throw fail($"'{host}' is not a valid host name or IPv4 address.");
            }
        }
        int port = DefaultPort;
        if (portText is not null && (!int.TryParse(portText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
        {
            throw fail($"the port must be a number from 1 to 65535; got '{portText}'.");
        }
        return (host, port);
    }

    private static Dictionary<string, string> ParseParameters(string tail, Func<string, ConfigurationException> fail)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string part in tail.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = part.IndexOf('=');
            if (equals <= 0)
            {
                throw fail($"parameter '{(equals < 0 ? RedactPart(part) : part)}' must be name=value.");
            }
            string name = part[..equals];
            string value = Uri.UnescapeDataString(part[(equals + 1)..]);
            if (!parameters.TryAdd(name, value))
            {
                throw fail($"parameter '{name}' is given twice.");
            }
        }
        return parameters;
    }

    private static string RedactPart(string part) => part.StartsWith("token", StringComparison.Ordinal) ? "token***" : part;

    private static bool IsHeaderName(string name) =>
        name.Length > 0 && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.');

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out IPAddress? address) && IPAddress.IsLoopback(address));

    /// <summary>Replaces the value of every <c>token=</c> parameter so the string can appear in messages.</summary>
    internal static string Redact(string connectionString)
    {
        string[] parts = connectionString.Split(';');
        for (int i = 1; i < parts.Length; i++)
        {
            if (parts[i].TrimStart().StartsWith("token", StringComparison.OrdinalIgnoreCase))
            {
                parts[i] = "token=***";
            }
        }
        return string.Join(';', parts);
    }
}
