namespace SparkRecs.Warehouse.Tests.TestSupport;

/// <summary>
/// A fact that needs the shared MovieLens copies: skipped, with a message saying how to run it,
/// when the SPARKRECS_DATASETS environment variable is unset or lacks the file.
/// </summary>
public sealed class DatasetFactAttribute : FactAttribute
{
    public const string Variable = "SPARKRECS_DATASETS";

    public DatasetFactAttribute(string relativePath)
    {
        string? folder = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(folder))
        {
            Skip = $"Set {Variable} to the folder holding the MovieLens copies (with {relativePath}) to run this test.";
        }
        else if (!File.Exists(Path.Combine(folder, relativePath)))
        {
            Skip = $"{Variable} is set to '{folder}' but '{relativePath}' is not in it; point it at the datasets folder.";
        }
    }

    public static string PathOf(string relativePath) => Path.Combine(Environment.GetEnvironmentVariable(Variable)!, relativePath);
}
