using System.Text.Json;

namespace SparkRecs.Spark.Tests.Arrow.Support;

/// <summary>
/// The committed fixtures of Arrow/Fixtures: streams written by the npm apache-arrow package with
/// make-fixtures.mjs, and the JSON of the values each was built from. Found by walking up from the test
/// binaries to the project folder, so the test project needs no copy step.
/// </summary>
internal static class ArrowFixtures
{
    /// <summary>Streams the reader must decode exactly.</summary>
    public static readonly string[] Supported =
    [
        "primitives", "large-utf8", "legacy-framing", "factors", "recommendations", "struct-and-empty-batch",
        "zero-rows", "slices", "many-batches",
    ];

    /// <summary>Streams the reader must refuse with the error their JSON describes.</summary>
    public static readonly string[] Refused =
    [
        "unsupported-int8", "unsupported-binary", "unsupported-float16", "unsupported-date64", "unsupported-dictionary",
        "compressed-lz4-frame", "compressed-zstd", "corrupt-decreasing-offsets", "corrupt-offset-past-data",
        "corrupt-metadata-length",
    ];

    private static readonly Lazy<string> Folder = new(FindFolder);

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(Folder.Value, name + ".arrows"));

    public static JsonElement Expected(string name)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder.Value, name + ".json")));
        return document.RootElement.Clone();
    }

    public static TheoryData<string> Names(string[] names)
    {
        var data = new TheoryData<string>();
        foreach (string name in names)
        {
            data.Add(name);
        }

        return data;
    }

    private static string FindFolder()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "Arrow", "Fixtures");
            if (File.Exists(Path.Combine(candidate, "make-fixtures.mjs")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException(
            $"No Arrow/Fixtures folder with make-fixtures.mjs above {AppContext.BaseDirectory}; run the tests from the source tree.");
    }
}
