namespace SparkRecs.Core.Evaluation;

/// <summary>
/// A small seeded generator (SplitMix64, Steele, Lea and Flood 2014) whose output depends only on
/// the seed, never on the runtime version, so bootstrap intervals are reproducible across machines.
/// </summary>
internal struct SplitMix64(ulong seed)
{
    private ulong _state = seed;

    /// <summary>The generator for stream <paramref name="stream"/> of <paramref name="seed"/> (e.g. one per bootstrap resample).</summary>
    internal static SplitMix64 ForStream(ulong seed, ulong stream)
    {
        var mixer = new SplitMix64(seed ^ (0x9E3779B97F4A7C15UL * (stream + 1)));
        return new SplitMix64(mixer.NextULong());
    }

    internal ulong NextULong()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform integer in [0, bound) without modulo bias (Lemire's multiply-and-reject).</summary>
    internal int NextInt(int bound)
    {
        ulong b = (ulong)bound;
        ulong threshold = (0UL - b) % b;
        while (true)
        {
            ulong x = NextULong();
            UInt128 m = (UInt128)x * b;
            if ((ulong)m >= threshold)
            {
                return (int)(ulong)(m >> 64);
            }
        }
    }
}
