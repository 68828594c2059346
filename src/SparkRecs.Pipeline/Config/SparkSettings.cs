using System.Text.RegularExpressions;
using SparkRecs.Core.Errors;
using SparkRecs.Spark.Connect;

namespace SparkRecs.Pipeline.Config;

/// <summary>
/// The <c>spark</c> section: where the Spark engine (<c>run:engine</c> = <c>spark</c>) connects and
/// where the cluster finds the events. Read only when that engine runs.
/// </summary>
/// <remarks>
/// The Spark Connect token is a secret: it comes from <see cref="TokenVariable"/> only, never from
/// a file, and a connection string that carries one is refused so it cannot sit in a profile.
/// </remarks>
public sealed partial class SparkSettings
{
    /// <summary>Environment variable holding the Spark Connect bearer token (optional).</summary>
    public const string TokenVariable = "SPARKRECS_SPARK_TOKEN";

    /// <summary>
    /// The Spark Connect connection string without the token, e.g.
    /// <c>sc://spark-master:15002/;user_id=recs</c> (<c>spark:connect</c>).
    /// </summary>
    public string Connect { get; set; } = "";

    /// <summary>
    /// The events table as the cluster sees it, e.g. <c>s3a://lake/events</c>: a folder of
    /// <c>dt=YYYY-MM-DD</c> partitions in the <c>ingest:format</c> (<c>spark:eventsPath</c>).
    /// </summary>
    public string EventsPath { get; set; } = "";

    /// <summary>MLlib ALS <c>numUserBlocks</c> and <c>numItemBlocks</c>; 0 keeps MLlib's default (<c>spark:blocks</c>).</summary>
    public int Blocks { get; set; }

    /// <summary>
    /// The longest one Spark operation (a query, a fit, a write) may run before the run fails with
    /// exit code 7 and the operation is cancelled on the cluster (<c>spark:executeTimeoutMinutes</c>).
    /// Keep-alives only notice a dead connection, not a stuck job; without a limit a stalled job would
    /// hold the scheduler's next firings back indefinitely.
    /// </summary>
    public int ExecuteTimeoutMinutes { get; set; } = 360;

    /// <summary>The client options of a run: <see cref="ExecuteTimeoutMinutes"/> as the execute deadline.</summary>
    public SparkConnectClientOptions ClientOptions() => new() { ExecuteTimeout = TimeSpan.FromMinutes(ExecuteTimeoutMinutes) };

    /// <summary>
    /// Who writes the served tables (<c>spark:writeMode</c>): <c>driver</c> (default) fetches the
    /// top-N and factors as Arrow and loads them with binary COPY; <c>jdbc</c> has the executors
    /// append the top-N and factors into the run's tables over JDBC (see
    /// <see cref="Spark.Plans.PostgresJdbcTarget"/> for the environment it needs), the driver
    /// checking the row counts and switching.
    /// </summary>
    public string WriteMode { get; set; } = "driver";

    /// <summary>Whether the executors write the served tables over JDBC.</summary>
    public bool WritesThroughJdbc => WriteMode.Equals("jdbc", StringComparison.OrdinalIgnoreCase);

    /// <summary>The connection string with the token of <see cref="TokenVariable"/> appended when it is set.</summary>
    public SparkConnectEndpoint Endpoint() => Endpoint(Environment.GetEnvironmentVariable(TokenVariable));

    /// <summary>The connection string with <paramref name="token"/> appended when it is not empty (tests pass it directly).</summary>
    internal SparkConnectEndpoint Endpoint(string? token)
    {
        string connect = Connect.Trim();
        if (!string.IsNullOrEmpty(token))
        {
            // Escaped, so a token holding ';', '=' or '%' stays one parameter with its exact value
            // (the parser unescapes values) and no part of it can become a header or an error text.
            connect += (connect.Contains("/;", StringComparison.Ordinal) ? ";" : connect.EndsWith('/') ? ";" : "/;") + "token=" + Uri.EscapeDataString(token);
        }
        return SparkConnectEndpoint.Parse(connect, "spark:connect");
    }

    /// <summary>
    /// Checks this section and the keys of the rest of <paramref name="config"/> that the Spark
    /// engine reads differently or cannot honour; throws a <see cref="ConfigurationException"/>
    /// naming the first bad key and what to use instead.
    /// </summary>
    public void Validate(JobConfig config)
    {
        if (string.IsNullOrWhiteSpace(Connect))
        {
            throw new ConfigurationException("spark:connect", "must be the Spark Connect connection string when run:engine is spark, e.g. sc://spark-master:15002.");
        }
        if (Connect.Contains("token=", StringComparison.OrdinalIgnoreCase))
        {
            throw new ConfigurationException("spark:connect", $"must not carry the token (files are not a place for secrets); remove ';token=...' and set the environment variable {TokenVariable} instead.");
        }
        Endpoint();
        if (string.IsNullOrWhiteSpace(EventsPath))
        {
            throw new ConfigurationException("spark:eventsPath", "must name the events table as the cluster sees it (e.g. s3a://lake/events, a folder of dt=YYYY-MM-DD partitions).");
        }
        if (Blocks is < 0 or > 100_000)
        {
            throw new ConfigurationException("spark:blocks", $"{Blocks} must be 0 (MLlib's default) or a block count up to 100000.");
        }
        if (ExecuteTimeoutMinutes is < 1 or > 7 * 24 * 60)
        {
            throw new ConfigurationException("spark:executeTimeoutMinutes", $"{ExecuteTimeoutMinutes} must be between 1 and 10080 (a week).");
        }
        if (!WriteMode.Equals("driver", StringComparison.OrdinalIgnoreCase) && !WritesThroughJdbc)
        {
            throw new ConfigurationException("spark:writeMode", $"'{WriteMode}' is not a write mode; use driver (the driver loads with COPY) or jdbc (the executors write over JDBC).");
        }
        if (WritesThroughJdbc && config.Run.Publish == "never")
        {
            throw new ConfigurationException("spark:writeMode", "jdbc writes the run straight into Postgres, but run:publish is never; use spark:writeMode driver to keep files only.");
        }
        SparkIngestRules.Validate(config);
    }

    /// <summary>Whether <paramref name="name"/> can be spliced into Spark SQL as a column name.</summary>
    internal static bool IsPlainIdentifier(string name) => PlainIdentifier().IsMatch(name);

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,127}$")]
    private static partial Regex PlainIdentifier();
}
