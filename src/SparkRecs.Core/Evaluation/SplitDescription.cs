using System.Text.Json.Serialization;

namespace SparkRecs.Core.Evaluation;

/// <summary>
/// What a split did, for reports: its kind, the cutoff and horizon of a temporal split, or the held-out
/// share of a per-user split, and a one-line human label that a reader cannot misread.
/// </summary>
/// <param name="Kind">The split protocol.</param>
/// <param name="CutoffMs">Global cutoff T in Unix milliseconds (global splits only).</param>
/// <param name="CutoffIso">T as an ISO 8601 UTC time (global splits only).</param>
/// <param name="HorizonMs">Length of the test window in milliseconds; null means open-ended.</param>
/// <param name="HeldOutFraction">Share of each user's events held out (<see cref="SplitKind.PerUserLastFraction"/>).</param>
/// <param name="HeldOutCount">Number of each user's last events held out (<see cref="SplitKind.PerUserLastN"/>).</param>
/// <param name="Label">A sentence describing the protocol, including its caveats.</param>
public sealed record SplitDescription(
    [property: JsonPropertyName("kind")] SplitKind Kind,
    [property: JsonPropertyName("cutoff_ms")] long? CutoffMs,
    [property: JsonPropertyName("cutoff")] string? CutoffIso,
    [property: JsonPropertyName("horizon_ms")] long? HorizonMs,
    [property: JsonPropertyName("held_out_fraction")] double? HeldOutFraction,
    [property: JsonPropertyName("held_out_count")] int? HeldOutCount,
    [property: JsonPropertyName("label")] string Label)
{
    /// <summary>Formats Unix milliseconds as an ISO 8601 UTC time ("2026-11-22T00:00:00.000Z").</summary>
    public static string FormatIso(long unixMs)
        => DateTimeOffset.FromUnixTimeMilliseconds(unixMs).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
