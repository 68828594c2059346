namespace SparkRecs.Core.Factorization;

/// <summary>
/// Seeded starting factors: every row draws its own values from a SplitMix64 stream keyed by
/// (seed, side, row), so a row's start depends on nothing else (not on thread scheduling, not on
/// how many rows there are) and equal seeds give bit-identical starts on every machine.
/// </summary>
/// <remarks>
/// Values are uniform in <c>[-1, 1) / sqrt(k)</c> (<c>[0, 1) / sqrt(k)</c> for non-negative
/// factorisation), so a start row has norm about <c>0.58</c> whatever the rank and start scores
/// <c>x_u . y_i</c> are small: no early sweep is dominated by a huge random prediction. Integer
/// arithmetic and one scaling make the result independent of the platform's math library.
/// </remarks>
internal static class FactorInitializer
{
    /// <summary>Side tag of user factors in the stream key.</summary>
    public const ulong UserSide = 0x5553_4552; // "USER"

    /// <summary>Side tag of item factors in the stream key.</summary>
    public const ulong ItemSide = 0x4954_454D; // "ITEM"

    /// <summary>Fills every row of <paramref name="factors"/>.</summary>
    public static void Fill(FactorMatrix factors, int seed, ulong side, bool nonnegative)
    {
        for (int row = 0; row < factors.Rows; row++)
        {
            FillRow(factors.Row(row), seed, side, row, nonnegative);
        }
    }

    /// <summary>Fills one row's factors.</summary>
    public static void FillRow(Span<float> destination, int seed, ulong side, int row, bool nonnegative)
    {
        float scale = 1f / MathF.Sqrt(destination.Length);
        ulong state = (ulong)(uint)seed;
        state = Next(ref state) ^ side;
        state = Next(ref state) ^ (ulong)(uint)row;
        _ = Next(ref state);
        for (int j = 0; j < destination.Length; j++)
        {
            // Top 24 bits -> a float in [0, 1) with every value exactly representable.
            float unit = (Next(ref state) >> 40) * (1f / (1 << 24));
            destination[j] = (nonnegative ? unit : 2f * unit - 1f) * scale;
        }
    }

    private static ulong Next(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
