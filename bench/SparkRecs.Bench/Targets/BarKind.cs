namespace SparkRecs.Bench.Targets;

/// <summary>What a target's bar compares: the ratio to the reference figure, or the figure itself.</summary>
internal enum BarKind
{
    /// <summary>Met when ours / reference is at most the limit (times: lower is better).</summary>
    RatioAtMost,

    /// <summary>Met when ours / reference is at least the limit (rates: higher is better).</summary>
    RatioAtLeast,

    /// <summary>Met when the figure is at most the limit (memory, swaps).</summary>
    FigureAtMost,

    /// <summary>Met when the figure is at least the limit (events processed).</summary>
    FigureAtLeast,
}
