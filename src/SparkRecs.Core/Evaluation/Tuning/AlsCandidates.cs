using SparkRecs.Core.Factorization;

namespace SparkRecs.Core.Evaluation.Tuning;

/// <summary>Turns a search space into the list of ALS options to try, by grid or by seeded random draws.</summary>
internal static class AlsCandidates
{
    /// <summary>Random search gives up looking for a new point after this many draws per requested trial.</summary>
    private const int DrawsPerTrial = 20;

    /// <summary>Every combination, ranks outermost, then regularization, alpha, iterations, solver, scaling.</summary>
    internal static List<AlsOptions> Grid(AlsSearchSpace space, AlsOptions baseOptions)
    {
        var result = new List<AlsOptions>((int)Math.Min(space.GridSize, 1 << 16));
        foreach (int rank in space.Ranks)
        {
            foreach (float reg in space.RegParams)
            {
                foreach (float alpha in space.Alphas)
                {
                    foreach (int iterations in space.Iterations)
                    {
                        foreach (var solver in space.Solvers)
                        {
                            foreach (bool? scale in space.ScaleRegularizationByCount)
                            {
                                result.Add(With(baseOptions, rank, reg, alpha, iterations, solver, scale));
                            }
                        }
                    }
                }
            }
        }
        return result;
    }

    /// <summary>
    /// <paramref name="trials"/> distinct points; trial t draws from its own stream t of
    /// <paramref name="seed"/>, so the first n points are the same whatever the trial count. A draw
    /// equal to an earlier point is redrawn from the next stream; a space with fewer distinct points
    /// than requested yields all it has (found within 20 draws per trial).
    /// </summary>
    internal static List<AlsOptions> Random(AlsSearchSpace space, int trials, ulong seed, AlsOptions baseOptions)
    {
        var result = new List<AlsOptions>(trials);
        var seen = new HashSet<AlsOptions>();
        long maxDraws = (long)trials * DrawsPerTrial;
        for (long stream = 0; stream < maxDraws && result.Count < trials; stream++)
        {
            var rng = SplitMix64.ForStream(seed, (ulong)stream);
            int rank = Pick(space.Ranks, ref rng);
            float reg = space.RegParamRange is { } regRange ? regRange.At(Unit(ref rng)) : Pick(space.RegParams, ref rng);
            float alpha = space.AlphaRange is { } alphaRange ? alphaRange.At(Unit(ref rng)) : Pick(space.Alphas, ref rng);
            int iterations = Pick(space.Iterations, ref rng);
            var solver = Pick(space.Solvers, ref rng);
            bool? scale = Pick(space.ScaleRegularizationByCount, ref rng);
            var candidate = With(baseOptions, rank, reg, alpha, iterations, solver, scale);
            if (seen.Add(candidate))
            {
                result.Add(candidate);
            }
        }
        return result;
    }

    private static AlsOptions With(AlsOptions baseOptions, int rank, float reg, float alpha, int iterations, AlsSolver solver, bool? scale)
        => baseOptions with
        {
            Rank = rank,
            RegParam = reg,
            Alpha = alpha,
            Iterations = iterations,
            Solver = solver,
            ScaleRegularizationByCount = scale,
        };

    private static T Pick<T>(IReadOnlyList<T> values, ref SplitMix64 rng) => values[rng.NextInt(values.Count)];

    /// <summary>Uniform in [0, 1) from the top 53 bits.</summary>
    private static double Unit(ref SplitMix64 rng) => (rng.NextULong() >> 11) * (1.0 / (1UL << 53));
}
