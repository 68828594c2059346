namespace SparkRecs.Tests.Shared;

/// <summary>
/// A fact that needs the shared MovieLens copies. The folder comes from the SPARKRECS_DATASETS
/// environment variable, never from a path in the repository, so the suite runs anywhere: when the
/// variable is unset, or the file the test reads is not in that folder, the test is skipped with a
/// message saying what to set rather than failing on a missing file.
/// </summary>
/// <remarks>Compiled into every test project through tests/Directory.Build.props.</remarks>
public sealed class DatasetFactAttribute : FactAttribute
{
    /// <summary>The environment variable naming the datasets folder.</summary>
    public const string Variable = "SPARKRECS_DATASETS";

    /// <summary>Runs the test only when the datasets folder is set and holds <paramref name="relativePath"/>.</summary>
    /// <param name="relativePath">A file the test reads, relative to the datasets folder (e.g. "ml-100k/u.data"); null when only the folder is needed.</param>
    public DatasetFactAttribute(string? relativePath = null)
    {
        string? folder = Environment.GetEnvironmentVariable(Variable);
        string needs = relativePath is null ? "the MovieLens copies" : $"the MovieLens copies (with {relativePath})";
        if (string.IsNullOrWhiteSpace(folder))
        {
            Skip = $"Set {Variable} to the folder holding {needs} to run this test.";
        }
        else if (!Directory.Exists(folder))
        {
            Skip = $"{Variable} is set to '{folder}', which is not a folder; point it at the folder holding {needs}.";
        }
        else if (relativePath is not null && !File.Exists(Path.Combine(folder, relativePath)))
        {
            Skip = $"{Variable} is set to '{folder}' but '{relativePath}' is not in it; point it at the folder holding {needs}.";
        }
    }

    /// <summary>The datasets folder; only meaningful inside a test this attribute did not skip.</summary>
    public static string Folder => Environment.GetEnvironmentVariable(Variable)
        ?? throw new InvalidOperationException($"{Variable} is unset; mark the test [DatasetFact] so it is skipped instead.");

    /// <summary>The full path of a file in the datasets folder, e.g. PathOf("ml-100k/u.data").</summary>
    public static string PathOf(string relativePath) => Path.Combine(Folder, relativePath);
}
