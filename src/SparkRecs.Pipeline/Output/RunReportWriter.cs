using System.Text.Json;
using System.Text.Json.Nodes;
using SparkRecs.Core.Evaluation;

namespace SparkRecs.Pipeline.Output;

/// <summary>
/// Writes a run's <c>report.json</c> (run facts, data counts, parameters, timings and the full
/// evaluation under <c>evaluation</c>) and the self-contained <c>report.html</c> beside it.
/// </summary>
/// <remarks>
/// Keys are snake_case and stable; the README documents them. The evaluation part is the
/// evaluation library's own report object, embedded as is so the two never disagree.
/// </remarks>
public static class RunReportWriter
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Writes report.json (and report.html when an evaluation ran); returns the paths written.</summary>
    public static IReadOnlyList<string> Write(string folder, RunSummary summary, EvaluationReport? evaluation)
    {
        Directory.CreateDirectory(folder);
        var root = JsonSerializer.SerializeToNode(summary, Json)!.AsObject();
        if (evaluation is not null)
        {
            root["evaluation"] = JsonNode.Parse(evaluation.ToJson());
        }
        var paths = new List<string>();
        string json = Path.Combine(folder, "report.json");
        WriteAtomically(json, root.ToJsonString(Json));
        paths.Add(json);
        if (evaluation is not null)
        {
            string html = Path.Combine(folder, "report.html");
            WriteAtomically(html, EvaluationReportHtml.Render(evaluation));
            paths.Add(html);
        }
        return paths;
    }

    private static void WriteAtomically(string path, string text)
    {
        string tmp = path + ".partial";
        File.WriteAllText(tmp, text);
        File.Move(tmp, path, overwrite: true);
    }
}
