using SparkRecs.Core.Errors;
using SparkRecs.Core.Evaluation.Tuning;
using SparkRecs.Core.Factorization;

namespace SparkRecs.Core.Tests.Evaluation.Tuning;

public class AlsSearchSpaceTests
{
    private static readonly AlsTuningOptions Grid = new() { BaseOptions = new AlsOptions { Threads = 1, Seed = 9, CgSteps = 4 } };

    [Fact]
    public void Grid_tries_every_combination_once_over_the_base_options()
    {
        var space = new AlsSearchSpace
        {
            Ranks = [8, 16],
            RegParams = [0.1f, 1f, 10f],
            Alphas = [1f, 40f],
            Iterations = [5, 15],
            Solvers = [AlsSolver.Cholesky, AlsSolver.ConjugateGradient],
            ScaleRegularizationByCount = [null, true],
        };
        var candidates = AlsTuner.Candidates(space, Grid);

        Assert.Equal(96, space.GridSize);
        Assert.Equal(96, candidates.Count);
        Assert.Equal(96, candidates.Distinct().Count());
        Assert.All(candidates, c => Assert.Equal((1, 9, 4), (c.Threads, c.Seed, c.CgSteps)));
        Assert.Equal(48, candidates.Count(c => c.Rank == 8));
        Assert.Equal(32, candidates.Count(c => c.RegParam == 10f));
        Assert.Equal(48, candidates.Count(c => c.ScaleRegularizationByCount == true));
    }

    [Fact]
    public void Random_search_samples_inside_the_ranges_and_lists()
    {
        var space = new AlsSearchSpace
        {
            Ranks = [16, 32, 64],
            RegParamRange = new LogUniformRange(0.01, 100),
            AlphaRange = new LogUniformRange(1, 40),
            Iterations = [10, 20],
        };
        var options = Grid with { Search = SearchKind.Random, RandomTrials = 400, Seed = 1 };
        var candidates = AlsTuner.Candidates(space, options);

        Assert.Equal(400, candidates.Count);
        Assert.All(candidates, c =>
        {
            Assert.InRange(c.RegParam, 0.01f, 100f);
            Assert.InRange(c.Alpha, 1f, 40f);
            Assert.Contains(c.Rank, space.Ranks);
            Assert.Contains(c.Iterations, space.Iterations);
        });
        Assert.Equal(3, candidates.Select(c => c.Rank).Distinct().Count());
    }

    [Fact]
    public void Random_search_is_log_uniform_one_quarter_of_draws_per_decade()
    {
        var space = new AlsSearchSpace { RegParamRange = new LogUniformRange(0.01, 100) };
        var candidates = AlsTuner.Candidates(space, Grid with { Search = SearchKind.Random, RandomTrials = 2000, Seed = 2 });

        // Four decades, 500 expected draws each (binomial sd ~19); a uniform draw would put ~1800 in the top decade.
        foreach (var (low, high) in new[] { (0.01f, 0.1f), (0.1f, 1f), (1f, 10f), (10f, 100f) })
        {
            Assert.InRange(candidates.Count(c => c.RegParam >= low && c.RegParam < high), 420, 580);
        }
    }

    [Fact]
    public void Random_search_is_seeded_and_a_longer_search_extends_a_shorter_one()
    {
        var space = new AlsSearchSpace { Ranks = [8, 16, 32], RegParamRange = new LogUniformRange(0.1, 10), AlphaRange = new LogUniformRange(1, 10) };
        var random = Grid with { Search = SearchKind.Random, Seed = 42 };

        var ten = AlsTuner.Candidates(space, random with { RandomTrials = 10 });
        var again = AlsTuner.Candidates(space, random with { RandomTrials = 10 });
        var twenty = AlsTuner.Candidates(space, random with { RandomTrials = 20 });
        var otherSeed = AlsTuner.Candidates(space, random with { RandomTrials = 10, Seed = 43 });

        Assert.Equal(ten, again);
        Assert.Equal(ten, twenty.Take(10));
        Assert.NotEqual(ten, otherSeed);
    }

    [Fact]
    public void Random_search_over_a_small_discrete_space_yields_each_point_once()
    {
        var space = new AlsSearchSpace { Ranks = [8, 16], RegParams = [0.1f, 1f] };
        var candidates = AlsTuner.Candidates(space, Grid with { Search = SearchKind.Random, RandomTrials = 10 });

        Assert.Equal(4, candidates.Count);
        Assert.Equal(4, candidates.Distinct().Count());
    }

    [Fact]
    public void Log_uniform_range_with_bounds_between_floats_stays_inside_them()
    {
        var range = new LogUniformRange(0.1, 0.1);
        var space = new AlsSearchSpace { RegParamRange = range };
        var candidates = AlsTuner.Candidates(space, Grid with { Search = SearchKind.Random, RandomTrials = 3 });

        Assert.Equal([0.1f], candidates.Select(c => c.RegParam));
    }

    [Theory]
    [InlineData("tuning:ranks")]
    [InlineData("tuning:regParams")]
    [InlineData("tuning:alphas")]
    [InlineData("tuning:iterations")]
    [InlineData("tuning:solvers")]
    [InlineData("tuning:scaleRegularizationByCount")]
    public void Empty_list_is_refused_naming_its_key(string key)
    {
        var space = key switch
        {
            "tuning:ranks" => new AlsSearchSpace { Ranks = [] },
            "tuning:regParams" => new AlsSearchSpace { RegParams = [] },
            "tuning:alphas" => new AlsSearchSpace { Alphas = [] },
            "tuning:iterations" => new AlsSearchSpace { Iterations = [] },
            "tuning:solvers" => new AlsSearchSpace { Solvers = [] },
            _ => new AlsSearchSpace { ScaleRegularizationByCount = [] },
        };
        Assert.Equal(key, Assert.Throws<ConfigurationException>(() => AlsTuner.Candidates(space, Grid)).Key);
    }

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(-1.0, 1.0)]
    [InlineData(2.0, 1.0)]
    [InlineData(1.0, double.PositiveInfinity)]
    [InlineData(double.NaN, 1.0)]
    public void Invalid_log_uniform_range_is_refused(double min, double max)
    {
        var space = new AlsSearchSpace { AlphaRange = new LogUniformRange(min, max) };
        Assert.Equal("tuning:alphaRange", Assert.Throws<ConfigurationException>(() => AlsTuner.Candidates(space, Grid)).Key);
    }

    [Fact]
    public void Values_als_rejects_are_refused_before_training()
    {
        Assert.Equal("tuning:ranks", Assert.Throws<ConfigurationException>(() => AlsTuner.Candidates(new AlsSearchSpace { Ranks = [0] }, Grid)).Key);
        Assert.Equal("tuning:regParams", Assert.Throws<ConfigurationException>(() => AlsTuner.Candidates(new AlsSearchSpace { RegParams = [-1f] }, Grid)).Key);
        Assert.Equal("tuning:randomTrials", Assert.Throws<ConfigurationException>(
            () => AlsTuner.Candidates(new AlsSearchSpace(), Grid with { Search = SearchKind.Random, RandomTrials = 0 })).Key);
    }

    [Fact]
    public void Oversized_grid_is_refused_with_advice_to_use_random_search()
    {
        var space = new AlsSearchSpace
        {
            Ranks = Enumerable.Range(1, 30).ToArray(),
            RegParams = Enumerable.Range(1, 30).Select(i => (float)i).ToArray(),
            Alphas = Enumerable.Range(1, 30).Select(i => (float)i).ToArray(),
        };
        var error = Assert.Throws<ConfigurationException>(() => AlsTuner.Candidates(space, Grid));
        Assert.Contains("Random", error.Message);
    }
}
