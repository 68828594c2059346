using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;

namespace SparkRecs.Spark.Tests.Golden;

/// <summary>
/// Golden JSON files of the plans the Spark engine sends, kept next to this file. A test compares
/// the plan built now with the committed file and fails on any difference, so a change to what is
/// sent to Spark is always a reviewed diff of a .json file.
/// </summary>
/// <remarks>
/// To regenerate after an intended change: <c>SPARKRECS_UPDATE_GOLDEN=1 dotnet test
/// tests/SparkRecs.Spark.Tests --filter PlanGoldenTests</c>, then review <c>git diff</c> of the
/// Golden folder. The JSON is Google.Protobuf's JsonFormatter output (proto3 JSON mapping), indented.
/// </remarks>
internal static class GoldenFiles
{
    /// <summary>Set to 1 to rewrite the golden files instead of comparing with them.</summary>
    public const string UpdateVariable = "SPARKRECS_UPDATE_GOLDEN";

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        // SQL text stays readable in the files: '<', '>', '`' and '\'' are not escaped.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// The canonical JSON text of <paramref name="message"/>: JsonFormatter's output (field order and
    /// map insertion order preserved), indented by System.Text.Json, ending with a newline.
    /// </summary>
    public static string Json(IMessage message) =>
        JsonNode.Parse(JsonFormatter.Default.Format(message))!.ToJsonString(Indented).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";

    /// <summary>The path of golden file <paramref name="name"/>.json in the source tree.</summary>
    public static string PathOf(string name, [CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(thisFile)!, name + ".json");

    /// <summary>Whether the run should rewrite the files.</summary>
    public static bool Updating => Environment.GetEnvironmentVariable(UpdateVariable) == "1";
}
