using System.Text.Json.Serialization;
using SparkRecs.Core.Errors;

namespace SparkRecs.Core.Evaluation;

/// <summary>The quality gate's decision with a reason per check (passed, failed or noted).</summary>
/// <param name="Publish">True when every check passed.</param>
/// <param name="Reasons">One sentence per check, failures first-class: what was compared, the numbers, the threshold, the outcome.</param>
/// <param name="Comparisons">The paired comparisons the decision rests on.</param>
public sealed record GateDecision(
    [property: JsonPropertyName("publish")] bool Publish,
    [property: JsonPropertyName("reasons")] IReadOnlyList<string> Reasons,
    [property: JsonPropertyName("comparisons")] IReadOnlyList<ComparisonResult> Comparisons)
{
    /// <summary>Throws when the gate refused, so a job exits with the quality-gate exit code.</summary>
    /// <exception cref="QualityGateException">The candidate was rejected; the message lists the reasons.</exception>
    public void ThrowIfRejected()
    {
        if (!Publish)
        {
            throw new QualityGateException("The quality gate rejected the candidate model: " + string.Join(" ", Reasons)
                + " Keep the live version, or relax the gate:* settings deliberately.");
        }
    }
}
