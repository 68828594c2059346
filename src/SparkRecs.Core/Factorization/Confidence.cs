namespace SparkRecs.Core.Factorization;

/// <summary>
/// How one stored value <c>r</c> enters a row's normal equations <c>A += weight * y y^T</c>,
/// <c>b += target * y</c>, for both kinds of ALS.
/// </summary>
/// <remarks>
/// Implicit (Hu et al. 2008, as Spark generalises it to signed values): preference
/// <c>p = 1[r &gt; 0]</c>, confidence <c>c = 1 + alpha |r|</c>. Every unobserved pair already sits in
/// <c>Y^T Y</c> with <c>c = 1</c>, so an observation adds <c>weight = c - 1 = alpha |r|</c> and
/// <c>target = c p</c>. A negative value thus means "confidently not preferred" (p = 0 with extra
/// confidence); a stored zero adds nothing and is the same as unobserved. Explicit: weight 1,
/// target <c>r</c>.
/// </remarks>
internal static class Confidence
{
    /// <summary>The extra weight of an observation in <c>A</c>.</summary>
    public static float Weight(float value, bool isImplicit, float alpha)
        => isImplicit ? alpha * MathF.Abs(value) : 1f;

    /// <summary>The observation's coefficient in <c>b</c>.</summary>
    public static float Target(float value, bool isImplicit, float alpha)
        => isImplicit ? (value > 0f ? 1f + alpha * value : 0f) : value;

    /// <summary>
    /// Whether the value counts towards the row's observation count (regularization scaling and the
    /// "no evidence" rule): every stored value for explicit, positive ones for implicit (as Spark).
    /// </summary>
    public static bool IsEvidence(float value, bool isImplicit) => !isImplicit || value > 0f;
}
