namespace SparkRecs.Core.Tests.Evaluation;

/// <summary>A fact that needs the shared MovieLens copies; skipped with a message when SPARKRECS_DATASETS is unset.</summary>
public sealed class DatasetFactAttribute : FactAttribute
{
    /// <summary>The environment variable naming the datasets folder.</summary>
    public const string Variable = "SPARKRECS_DATASETS";

    public DatasetFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable)))
        {
            Skip = $"Set {Variable} to the folder holding ml-100k/ to run the calibration against real data.";
        }
    }

    /// <summary>The datasets folder.</summary>
    public static string Folder => Environment.GetEnvironmentVariable(Variable)!;
}
