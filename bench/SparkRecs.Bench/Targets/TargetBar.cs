using System.Globalization;

namespace SparkRecs.Bench.Targets;

/// <summary>The bar one target must pass, e.g. "ratio &lt;= 0.8" or "&lt;= 16 B/nnz".</summary>
/// <param name="Kind">What is compared with <paramref name="Limit"/>.</param>
/// <param name="Limit">The bound, inclusive.</param>
/// <param name="Unit">The unit of a figure bound (empty for ratios).</param>
internal sealed record TargetBar(BarKind Kind, double Limit, string Unit = "")
{
    /// <summary>ours / reference &lt;= <paramref name="limit"/>.</summary>
    public static TargetBar RatioAtMost(double limit) => new(BarKind.RatioAtMost, limit);

    /// <summary>ours / reference &gt;= <paramref name="limit"/>.</summary>
    public static TargetBar RatioAtLeast(double limit) => new(BarKind.RatioAtLeast, limit);

    /// <summary>figure &lt;= <paramref name="limit"/> <paramref name="unit"/>.</summary>
    public static TargetBar FigureAtMost(double limit, string unit) => new(BarKind.FigureAtMost, limit, unit);

    /// <summary>figure &gt;= <paramref name="limit"/> <paramref name="unit"/>.</summary>
    public static TargetBar FigureAtLeast(double limit, string unit) => new(BarKind.FigureAtLeast, limit, unit);

    /// <summary>Whether the bar compares a ratio (and so needs a reference figure).</summary>
    public bool NeedsReference => Kind is BarKind.RatioAtMost or BarKind.RatioAtLeast;

    /// <summary>
    /// Whether <paramref name="figure"/> (and <paramref name="ratio"/>, for ratio bars) passes; null
    /// when a ratio bar has no ratio to judge. NaN never passes.
    /// </summary>
    public bool? IsMet(double figure, double? ratio) => Kind switch
    {
        BarKind.RatioAtMost => ratio is { } r ? r <= Limit : null,
        BarKind.RatioAtLeast => ratio is { } r ? r >= Limit : null,
        BarKind.FigureAtMost => figure <= Limit,
        BarKind.FigureAtLeast => figure >= Limit,
        _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "Unknown bar kind."),
    };

    /// <summary>The bar as printed in the table.</summary>
    public string Describe()
    {
        string limit = Limit.ToString(Limit >= 1000 ? "N0" : "0.##", CultureInfo.InvariantCulture);
        string unit = Unit.Length == 0 ? "" : " " + Unit;
        return Kind switch
        {
            BarKind.RatioAtMost => $"ratio <= {limit}",
            BarKind.RatioAtLeast => $"ratio >= {limit}",
            BarKind.FigureAtMost => $"<= {limit}{unit}",
            BarKind.FigureAtLeast => $">= {limit}{unit}",
            _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "Unknown bar kind."),
        };
    }
}
