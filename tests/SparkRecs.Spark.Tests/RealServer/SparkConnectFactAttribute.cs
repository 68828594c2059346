namespace SparkRecs.Spark.Tests.RealServer;

/// <summary>
/// A fact that needs a real Spark Connect server: it runs when <c>SPARK_CONNECT_URL</c> holds a
/// connection string (e.g. <c>sc://localhost:15002</c>) and is skipped otherwise, with a message
/// saying how to run it. The server must be Spark 4.0 or later for the ML tests.
/// </summary>
public sealed class SparkConnectFactAttribute : FactAttribute
{
    /// <summary>The environment variable holding the connection string.</summary>
    public const string Variable = "SPARK_CONNECT_URL";

    public SparkConnectFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(Variable)))
        {
            Skip = $"Needs a real Spark Connect server: start one ($SPARK_HOME/sbin/start-connect-server.sh, Spark 4.0+) and set {Variable}=sc://host:15002 to run this test.";
        }
    }

    /// <summary>The connection string; only meaningful inside a test this attribute did not skip.</summary>
    public static string ConnectionString => Environment.GetEnvironmentVariable(Variable)
        ?? throw new InvalidOperationException($"{Variable} is unset; mark the test [SparkConnectFact] so it is skipped instead.");
}
