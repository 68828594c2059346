using Google.Protobuf;
using SparkRecs.Spark.Protocol;

namespace SparkRecs.Spark.Plans;

/// <summary>A plan as one-line JSON for logs and error reports, with secrets (JDBC passwords) replaced by <c>***</c>.</summary>
public static class PlanLogText
{
    private static readonly HashSet<string> SecretOptions = new(StringComparer.OrdinalIgnoreCase) { "password", "token" };

    /// <summary>The plan's JSON with every secret write option hidden; the plan itself is not changed.</summary>
    public static string Of(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        Plan copy = plan.Clone();
        if (copy.Command?.WriteOperation is { } write)
        {
            foreach (string key in write.Options.Keys.Where(SecretOptions.Contains).ToList())
            {
                write.Options[key] = "***";
            }
        }
        return JsonFormatter.Default.Format(copy);
    }
}
