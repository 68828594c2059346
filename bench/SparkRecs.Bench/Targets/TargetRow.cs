using System.Globalization;

namespace SparkRecs.Bench.Targets;

/// <summary>
/// One row of the <c>targets</c> table: what is measured, our figure, the reference figure, the
/// ratio, the bar and the verdict.
/// </summary>
/// <param name="Target">What is measured, e.g. "implicit ALS CG k=64, s/iteration".</param>
/// <param name="Figure">Our figure, or null when it was not measured this run.</param>
/// <param name="Reference">The reference figure (same unit), or null when the bar needs none.</param>
/// <param name="Bar">The bar, or null for a figure reported without one.</param>
/// <param name="Format">How the figure and the reference are printed (a .NET number format).</param>
/// <param name="Note">How the figure was obtained, or why it is missing.</param>
/// <param name="Failure">Set when the measurement ran but failed (e.g. the scale run did not complete): the row is then not met.</param>
internal sealed record TargetRow(
    string Target, double? Figure, double? Reference, TargetBar? Bar,
    string Format = "0.00", string? Note = null, string? Failure = null)
{
    /// <summary>A row whose measurement was skipped or could not run; <paramref name="why"/> says which.</summary>
    public static TargetRow NotMeasured(string target, double? reference, TargetBar? bar, string why) =>
        new(target, null, reference, bar, Note: why);

    /// <summary>ours / reference, when both exist and the reference is not zero.</summary>
    public double? Ratio => Figure is { } figure && Reference is { } reference && reference != 0 ? figure / reference : null;

    /// <summary>The verdict: not measured without a figure, not met on a failure, else the bar's.</summary>
    public TargetStatus Status
    {
        get
        {
            if (Figure is not { } figure)
            {
                return TargetStatus.NotMeasured;
            }
            if (Failure is not null)
            {
                return TargetStatus.NotMet;
            }
            if (Bar is null)
            {
                return TargetStatus.Reported;
            }
            return Bar.IsMet(figure, Ratio) switch
            {
                true => TargetStatus.Met,
                false => TargetStatus.NotMet,
                null => TargetStatus.NotMeasured,
            };
        }
    }

    /// <summary>The figure as printed: "not measured" when there is none.</summary>
    public string FigureText => Figure is { } figure ? figure.ToString(Format, CultureInfo.InvariantCulture) : "not measured";

    /// <summary>The reference as printed, "-" when there is none.</summary>
    public string ReferenceText => Reference is { } reference ? reference.ToString(Format, CultureInfo.InvariantCulture) : "-";

    /// <summary>The ratio as printed, "-" when there is none.</summary>
    public string RatioText => Ratio is { } ratio ? ratio.ToString("0.00", CultureInfo.InvariantCulture) : "-";

    /// <summary>The verdict as printed.</summary>
    public string StatusText => Status switch
    {
        TargetStatus.Met => "met",
        TargetStatus.NotMet => "NOT MET",
        TargetStatus.NotMeasured => "not measured",
        TargetStatus.Reported => "reported",
        _ => throw new InvalidOperationException($"Unknown status {Status}."),
    };
}
