using SparkRecs.Core.Factorization;

namespace SparkRecs.Core.Tests.Factorization;

public sealed class AlsTrainerImplicitTests
{
    private static readonly Lazy<Core.Sparse.CsrMatrix> Counts = new(() => SyntheticRatings.Counts(200, 150, density: 0.08, seed: 17));

    [Fact]
    public void Loss_never_increases_with_the_exact_solver()
    {
        var options = new AlsOptions { Rank = 10, Alpha = 5f, RegParam = 0.1f, Iterations = 10, Solver = AlsSolver.Cholesky, Threads = 2 };

        var model = AlsTrainer.Fit(Counts.Value, Counts.Value.Transpose(), options);

        AlsTrainerExplicitTests.AssertNonIncreasing(model.History, relativeSlack: 1e-6);
        Assert.True(model.History[^1].Loss < model.History[0].Loss);
    }

    [Fact]
    public void Loss_never_increases_with_warm_started_conjugate_gradient()
    {
        // Every CG step lowers each row's quadratic from its warm start, so the objective descends
        // too; only float rounding near convergence could break that, hence the small slack.
        var options = new AlsOptions { Rank = 10, Alpha = 5f, RegParam = 0.1f, Iterations = 10, Solver = AlsSolver.ConjugateGradient, CgSteps = 3, Threads = 2 };

        var model = AlsTrainer.Fit(Counts.Value, Counts.Value.Transpose(), options);

        AlsTrainerExplicitTests.AssertNonIncreasing(model.History, relativeSlack: 1e-5);
    }

    [Fact]
    public void Conjugate_gradient_and_cholesky_reach_the_same_model()
    {
        // Structured data (a planted rank-8 preference) has a well-defined optimum; on pure noise
        // ALS wanders along flat directions and two solvers may stop at different, equally good points.
        var data = SyntheticRatings.PlantedCounts(200, 150, rank: 8, density: 0.1, seed: 17);
        var cholesky = new AlsOptions { Rank = 8, Alpha = 5f, RegParam = 0.5f, Iterations = 25, Solver = AlsSolver.Cholesky, Threads = 2 };
        var cg = cholesky with { Solver = AlsSolver.ConjugateGradient, CgSteps = 3 };

        var exact = AlsTrainer.Fit(data, data.Transpose(), cholesky);
        var approximate = AlsTrainer.Fit(data, data.Transpose(), cg);

        double lossGap = Math.Abs(exact.History[^1].Loss - approximate.History[^1].Loss) / exact.History[^1].Loss;
        Assert.True(lossGap < 0.002, $"final losses differ by {lossGap:P3}");
        double difference = 0d;
        double magnitude = 0d;
        for (int u = 0; u < exact.UserCount; u++)
        {
            for (int i = 0; i < exact.ItemCount; i++)
            {
                double a = exact.Predict(u, i);
                double b = approximate.Predict(u, i);
                difference += (a - b) * (a - b);
                magnitude += a * a;
            }
        }
        double relative = Math.Sqrt(difference / magnitude);
        Assert.True(relative < 0.02, $"predictions differ by {relative:P2} (RMS, relative)");
    }

    [Fact]
    public void Scores_rank_observed_items_above_unobserved_ones()
    {
        var options = new AlsOptions { Rank = 16, Alpha = 10f, Iterations = 10, Threads = 2 };
        var model = AlsTrainer.Fit(Counts.Value, Counts.Value.Transpose(), options);

        double observed = 0d;
        double unobserved = 0d;
        int observedCount = 0;
        int unobservedCount = 0;
        for (int u = 0; u < model.UserCount; u++)
        {
            for (int i = 0; i < model.ItemCount; i++)
            {
                if (Counts.Value.Contains(u, i))
                {
                    observed += model.Predict(u, i);
                    observedCount++;
                }
                else
                {
                    unobserved += model.Predict(u, i);
                    unobservedCount++;
                }
            }
        }
        Assert.True(observed / observedCount > 0.5, $"mean observed score {observed / observedCount}");
        Assert.True(unobserved / unobservedCount < 0.2, $"mean unobserved score {unobserved / unobservedCount}");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Non_negative_option_gives_no_negative_factor_and_still_descends(bool isImplicit)
    {
        var data = isImplicit ? Counts.Value : SyntheticRatings.Planted(100, 80, rank: 3, noise: 0.2, observed: 0.3, seed: 2).Train;
        var options = new AlsOptions { Implicit = isImplicit, Rank = 6, Iterations = 6, Nonnegative = true, Threads = 2 };

        var model = AlsTrainer.Fit(data, data.Transpose(), options);

        Assert.All(model.UserFactors.Data, v => Assert.True(v >= 0f));
        Assert.All(model.ItemFactors.Data, v => Assert.True(v >= 0f));
        Assert.Contains(model.ItemFactors.Data, v => v > 0f);
        AlsTrainerExplicitTests.AssertNonIncreasing(model.History, relativeSlack: 1e-5);
    }
}
