namespace SparkRecs.Core.Factorization;

/// <summary>
/// One observation's share of the ALS objective, in double, from its score: explicit
/// <c>(r - s)^2</c>; implicit the observed pair's term minus the <c>c = 1, p = 0</c> term the Gram
/// part already counted for it, <c>c (p - s)^2 - s^2</c> (see <see cref="AlsObjective"/>). The one
/// formula both the separate evaluation and the trainer's running loss use.
/// </summary>
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
}
