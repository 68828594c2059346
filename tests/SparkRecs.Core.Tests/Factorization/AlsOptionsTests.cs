using SparkRecs.Core.Errors;
using SparkRecs.Core.Factorization;

namespace SparkRecs.Core.Tests.Factorization;

public sealed class AlsOptionsTests
{
    [Fact]
    public void Defaults_are_valid_and_match_the_documented_values()
    {
        var options = new AlsOptions();
        options.Validate();
        Assert.Equal(32, options.Rank);
        Assert.Equal(15, options.Iterations);
        Assert.Equal(0.1f, options.RegParam);
        Assert.True(options.Implicit);
        Assert.Equal(1f, options.Alpha);
        Assert.Equal(AlsSolver.ConjugateGradient, options.Solver);
        Assert.Equal(3, options.CgSteps);
        Assert.False(options.Nonnegative);
        Assert.Equal(42, options.Seed);
        Assert.Equal(Environment.ProcessorCount, options.Threads);
        Assert.True(options.ComputeLoss);
    }

    [Fact]
    public void Regularization_scaling_defaults_to_on_for_explicit_and_off_for_implicit()
    {
        Assert.False(new AlsOptions { Implicit = true }.EffectiveScaleRegularizationByCount);
        Assert.True(new AlsOptions { Implicit = false }.EffectiveScaleRegularizationByCount);
        Assert.True(new AlsOptions { Implicit = true, ScaleRegularizationByCount = true }.EffectiveScaleRegularizationByCount);
        Assert.False(new AlsOptions { Implicit = false, ScaleRegularizationByCount = false }.EffectiveScaleRegularizationByCount);
    }

    public static TheoryData<AlsOptions, string> InvalidOptions => new()
    {
        { new AlsOptions { Rank = 0 }, "als:rank" },
        { new AlsOptions { Rank = AlsOptions.MaxRank + 1 }, "als:rank" },
        { new AlsOptions { Iterations = 0 }, "als:iterations" },
        { new AlsOptions { RegParam = -0.1f }, "als:regParam" },
        { new AlsOptions { RegParam = float.NaN }, "als:regParam" },
        { new AlsOptions { Alpha = -1f }, "als:alpha" },
        { new AlsOptions { Alpha = float.PositiveInfinity }, "als:alpha" },
        { new AlsOptions { Solver = (AlsSolver)7 }, "als:solver" },
        { new AlsOptions { CgSteps = 0 }, "als:cgSteps" },
        { new AlsOptions { Threads = 0 }, "als:threads" },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Validate_names_the_offending_key(AlsOptions options, string key)
    {
        var error = Assert.Throws<ConfigurationException>(options.Validate);
        Assert.Equal(key, error.Key);
        Assert.Contains(key, error.Message);
        Assert.Contains("must", error.Message);
        Assert.Equal(2, error.ExitCode);
    }
}
