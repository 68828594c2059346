namespace SparkRecs.Core.Factorization;

/// <summary>
/// One observation's share of the ALS objective, in double, in the two forms the loss evaluation
/// uses: from its score, or (summed over a row) from the row's assembled normal equations.
/// </summary>
/// <remarks>
/// <para>Explicit: <c>(r - s)^2</c>. Implicit: the observed pair's term minus the <c>c = 1, p = 0</c>
/// term the Gram part already counted for it, <c>c (p - s)^2 - s^2</c> (see <see cref="AlsObjective"/>).</para>
/// <para><b>From the normal equations.</b> With <c>w</c> and <c>t</c> the observation's weight and
/// target (<see cref="Confidence"/>), both terms are <c>Constant - 2 t s + w s^2</c>: explicit
/// <c>r^2 - 2 r s + s^2</c>; implicit <c>c p^2 - 2 c p s + (c - 1) s^2</c>. Summed over a row with
/// <c>s_i = x . y_i</c>, that is <c>x^T A_obs x - 2 b . x + sum Constant</c> with
/// <c>A_obs = sum w_i y_i y_i^T</c> and <c>b = sum t_i y_i</c>: exactly the row's assembled system
/// without its shared Gram part and ridge. A row whose system was assembled anyway gets its loss for
/// <c>O(k^2)</c> instead of a second pass over its observations.</para>
/// </remarks>
internal static class ObservationLoss
{
    /// <summary>The term of an observed value <paramref name="value"/> scored <paramref name="score"/>.</summary>
    public static double Term(float value, double score, bool isImplicit, double alpha)
    {
        if (isImplicit)
        {
            double preference = value > 0f ? 1d : 0d;
            double confidence = 1d + alpha * Math.Abs((double)value);
            double error = preference - score;
            return confidence * error * error - score * score;
        }
        double residual = value - score;
        return residual * residual;
    }

    /// <summary>The term's part that does not depend on the score: <c>c p^2</c> (implicit), <c>r^2</c> (explicit).</summary>
    public static double Constant(float value, bool isImplicit, double alpha)
        => isImplicit ? (value > 0f ? 1d + alpha * value : 0d) : (double)value * value;

    /// <summary>
    /// <c>x^T (S - G) x - 2 b . x</c> in double: the score-dependent part of a row's observation terms,
    /// from its assembled system <paramref name="system"/> (upper triangle, row stride
    /// <paramref name="stride"/>, no ridge), the shared Gram part <paramref name="gram"/> it started
    /// from (same layout; empty when there is none), and its right-hand side <paramref name="b"/>.
    /// </summary>
    public static double FromSystem(ReadOnlySpan<float> system, ReadOnlySpan<float> gram, int stride, ReadOnlySpan<float> b, ReadOnlySpan<float> x)
    {
        int k = x.Length;
        bool hasGram = !gram.IsEmpty;
        double quadratic = 0d;
        double linear = 0d;
        for (int j = 0; j < k; j++)
        {
            var row = system.Slice(j * stride, k);
            var shared = hasGram ? gram.Slice(j * stride, k) : default;
            double xj = x[j];
            double offDiagonal = 0d;
            for (int l = j + 1; l < k; l++)
            {
                // Both are floats: their difference in double is exact, so only S's own rounding remains.
                double a = hasGram ? (double)row[l] - shared[l] : row[l];
                offDiagonal += a * x[l];
            }
            double diagonal = hasGram ? (double)row[j] - shared[j] : row[j];
            quadratic += xj * (diagonal * xj + 2d * offDiagonal);
            linear += (double)b[j] * xj;
        }
        return quadratic - 2d * linear;
    }
}
