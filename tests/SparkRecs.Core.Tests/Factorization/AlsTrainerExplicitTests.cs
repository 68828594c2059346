using SparkRecs.Core.Factorization;
using Xunit.Abstractions;

namespace SparkRecs.Core.Tests.Factorization;

public sealed class AlsTrainerExplicitTests(ITestOutputHelper output)
{
    private const double Noise = 0.1;

    [Theory]
    [InlineData(AlsSolver.Cholesky)]
    [InlineData(AlsSolver.ConjugateGradient)]
    public void Recovers_a_planted_low_rank_matrix_to_the_noise_level(AlsSolver solver)
    {
        var (train, heldOut) = SyntheticRatings.Planted(300, 200, rank: 5, Noise, observed: 0.3, seed: 11);
        var options = new AlsOptions { Implicit = false, Rank = 5, RegParam = 0.01f, Iterations = 15, Solver = solver, Threads = 2 };

        var model = AlsTrainer.Fit(train, train.Transpose(), options);

        double rmseAgainstObserved = SyntheticRatings.Rmse(heldOut, (u, i) => model.Predict(u, i), c => c.Value);
        double rmseAgainstTruth = SyntheticRatings.Rmse(heldOut, (u, i) => model.Predict(u, i), c => c.Truth);
        output.WriteLine($"{solver}: held-out RMSE {rmseAgainstObserved:F4} (noisy), {rmseAgainstTruth:F4} (planted), noise {Noise}");
        Assert.True(rmseAgainstObserved < 1.5 * Noise, $"held-out RMSE {rmseAgainstObserved:F4} against noisy values");
        Assert.True(rmseAgainstTruth < Noise, $"held-out RMSE {rmseAgainstTruth:F4} against the planted values");
    }

    [Fact]
    public void Loss_never_increases_with_the_exact_solver()
    {
        var (train, _) = SyntheticRatings.Planted(150, 100, rank: 4, noise: 0.5, observed: 0.2, seed: 3);
        var options = new AlsOptions { Implicit = false, Rank = 8, RegParam = 0.05f, Iterations = 12, Solver = AlsSolver.Cholesky, Threads = 2 };

        var model = AlsTrainer.Fit(train, train.Transpose(), options);

        AssertNonIncreasing(model.History, relativeSlack: 1e-6);
        Assert.True(model.History[^1].Loss < 0.5 * model.History[0].Loss);
    }

    [Fact]
    public void Unscaled_regularization_is_honoured()
    {
        var (train, _) = SyntheticRatings.Planted(60, 40, rank: 3, noise: 0.1, observed: 0.4, seed: 5);
        var scaled = AlsTrainer.Fit(train, train.Transpose(), new AlsOptions { Implicit = false, Rank = 3, RegParam = 1f, Iterations = 5, Solver = AlsSolver.Cholesky, Threads = 1 });
        var unscaled = AlsTrainer.Fit(train, train.Transpose(), new AlsOptions { Implicit = false, Rank = 3, RegParam = 1f, Iterations = 5, Solver = AlsSolver.Cholesky, Threads = 1, ScaleRegularizationByCount = false });

        // lambda * n_u with n_u ~ 16 shrinks factors far more than lambda alone.
        double scaledNorm = scaled.UserFactors.Data.Sum(v => (double)v * v);
        double unscaledNorm = unscaled.UserFactors.Data.Sum(v => (double)v * v);
        Assert.True(scaledNorm < unscaledNorm, $"scaled {scaledNorm} vs unscaled {unscaledNorm}");
    }

    internal static void AssertNonIncreasing(IReadOnlyList<AlsIterationReport> history, double relativeSlack)
    {
        for (int t = 1; t < history.Count; t++)
        {
            double previous = history[t - 1].Loss;
            double current = history[t].Loss;
            Assert.True(current <= previous * (1 + relativeSlack), $"loss rose from {previous} to {current} at iteration {history[t].Iteration}");
        }
    }
}
