namespace SparkRecs.Pipeline.Tests.Support;

/// <summary>Finds files of the repository (the folder holding SparkRecs.sln) from the test's output folder.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SparkRecs.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Cannot find SparkRecs.sln above the test output folder.");
    }
}
