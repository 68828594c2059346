using SparkRecs.Spark.Protocol;

namespace SparkRecs.Spark.Tests.Fake;

/// <summary>One request the <see cref="FakeSparkCluster"/> answered: its kind, a text naming it, and the plan.</summary>
/// <param name="Type">What was asked.</param>
/// <param name="Text">The query or SQL statement, the view name, the Fit's dataset, a JDBC write's table, the deleted model ids, or the Config pairs.</param>
/// <param name="Plan">The plan of an ExecutePlan call.</param>
public sealed record FakeSparkStep(FakeSparkStep.Kind Type, string Text, Plan? Plan)
{
    /// <summary>Request kinds.</summary>
    public enum Kind
    {
        Version,
        Config,
        View,
        SqlCommand,
        Query,
        Fit,
        Delete,
        Release,
        JdbcWrite,
        Other,
    }

    public override string ToString() => $"{Type}: {Text}";
}
