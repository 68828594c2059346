using System.Globalization;
using System.Text.Json.Serialization;
using SparkRecs.Core.Errors;

namespace SparkRecs.Core.Evaluation.Tuning;

/// <summary>
/// A closed range [<paramref name="Min"/>, <paramref name="Max"/>] of a positive hyper-parameter that
/// random search samples log-uniformly: <c>x = exp(ln Min + u (ln Max - ln Min))</c> with <c>u</c>
/// uniform in [0, 1).
/// </summary>
/// <remarks>
/// Regularization and confidence slopes act multiplicatively (going from 1 to 10 changes a model as
/// much as going from 10 to 100), so a log-uniform draw spends the same share of trials on every
/// decade, where a uniform draw over [0.01, 100] would put 90% of them above 10 (Bergstra and
/// Bengio, "Random Search for Hyper-Parameter Optimization", JMLR 2012).
/// </remarks>
/// <param name="Min">Smallest value, &gt; 0.</param>
/// <param name="Max">Largest value, &gt;= <paramref name="Min"/>.</param>
public sealed record LogUniformRange(
    [property: JsonPropertyName("min")] double Min,
    [property: JsonPropertyName("max")] double Max)
{
    /// <summary>Checks the range, naming <paramref name="key"/> (the configuration key) when it is not usable.</summary>
    /// <exception cref="ConfigurationException">Min is not positive and finite, or Max is below Min or not finite.</exception>
    public void Validate(string key)
    {
        if (!(Min > 0) || double.IsInfinity(Min) || !double.IsFinite(Max) || Max < Min)
        {
            throw new ConfigurationException(key, string.Create(CultureInfo.InvariantCulture,
                $"a log-uniform range needs 0 < min <= max, both finite (e.g. {{ \"min\": 0.01, \"max\": 100 }}); got min {Min}, max {Max}."));
        }
    }

    /// <summary>
    /// The value at quantile <paramref name="u"/> in [0, 1) of the log-uniform distribution, as a
    /// float clamped into [Min, Max] (float rounding must not step outside the range).
    /// </summary>
    internal float At(double u)
    {
        double logMin = Math.Log(Min);
        double value = Math.Exp(logMin + u * (Math.Log(Max) - logMin));
        float low = RoundUp(Min);
        float high = RoundDown(Max);
        // A range narrower than one float step holds no float; the nearest one to Min stands for it.
        return low <= high ? Math.Clamp((float)value, low, high) : (float)Min;
    }

    private static float RoundUp(double x)
    {
        float f = (float)x;
        return f < x ? MathF.BitIncrement(f) : f;
    }

    private static float RoundDown(double x)
    {
        float f = (float)x;
        return f > x ? MathF.BitDecrement(f) : f;
    }
}
