using SparkRecs.Core.Factorization;
using SparkRecs.Core.Recommend;

namespace SparkRecs.Core.Tests.Factorization;

public sealed class AlsModelTests
{
    private static AlsModel Train(bool computeLoss = true)
    {
        var data = SyntheticRatings.Counts(50, 37, density: 0.1, seed: 6);
        return AlsTrainer.Fit(data, data.Transpose(), new AlsOptions { Rank = 7, Iterations = 3, Threads = 2, ComputeLoss = computeLoss });
    }

    [Fact]
    public void Scores_every_item_with_the_dot_product_of_factors()
    {
        IScoringModel model = Train();
        var als = (AlsModel)model;
        var scores = new float[model.ItemCount];
        Assert.Equal("als", model.Name);
        Assert.Equal(50, model.UserCount);
        Assert.Equal(37, model.ItemCount);

        for (int u = 0; u < model.UserCount; u++)
        {
            model.ScoreUser(u, scores);
            for (int i = 0; i < model.ItemCount; i++)
            {
                double expected = 0d;
                for (int j = 0; j < 7; j++)
                {
                    expected += (double)als.UserFactors.Row(u)[j] * als.ItemFactors.Row(i)[j];
                }
                Assert.Equal(expected, scores[i], 1e-6);
                Assert.Equal(als.Predict(u, i), scores[i], 6);
            }
        }
    }

    [Fact]
    public void Concurrent_scoring_gives_the_same_scores_as_sequential()
    {
        var model = Train();
        var sequential = new float[model.UserCount][];
        for (int u = 0; u < model.UserCount; u++)
        {
            sequential[u] = new float[model.ItemCount];
            model.ScoreUser(u, sequential[u]);
        }
        var concurrent = new float[model.UserCount][];
        Parallel.For(0, model.UserCount * 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, n =>
        {
            var scores = new float[model.ItemCount];
            model.ScoreUser(n % model.UserCount, scores);
            concurrent[n % model.UserCount] = scores;
        });
        for (int u = 0; u < model.UserCount; u++)
        {
            Assert.Equal(sequential[u], concurrent[u]);
        }
    }

    [Fact]
    public void Bad_arguments_are_refused_with_their_range()
    {
        var model = Train();
        Assert.Throws<ArgumentException>(() => model.ScoreUser(0, new float[5]));
        var user = Assert.Throws<ArgumentOutOfRangeException>(() => model.Predict(50, 0));
        Assert.Contains("0..49", user.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => model.Predict(0, -1));
        Assert.Throws<ArgumentException>(() => new AlsModel(new FactorMatrix(2, 3), new FactorMatrix(2, 4), new AlsOptions(), []));
    }

    [Fact]
    public void History_has_one_report_per_iteration_with_timings()
    {
        var reports = new List<AlsIterationReport>();
        var data = SyntheticRatings.Counts(50, 37, density: 0.1, seed: 6);
        var model = AlsTrainer.Fit(data, data.Transpose(), new AlsOptions { Rank = 4, Iterations = 4, Threads = 1 }, reports.Add);

        Assert.Equal([1, 2, 3, 4], model.History.Select(r => r.Iteration));
        Assert.Equal(model.History, reports);
        Assert.All(model.History, r => Assert.True(r.UserSweep > TimeSpan.Zero && r.ItemSweep > TimeSpan.Zero));
        Assert.All(model.History, r => Assert.True(r.Elapsed >= r.UserSweep + r.ItemSweep));
        Assert.True(model.History[^1].Elapsed > model.History[0].Elapsed);
        Assert.All(model.History, r => Assert.True(double.IsFinite(r.Loss) && r.Loss > 0));
    }

    [Fact]
    public void Loss_is_nan_when_not_computed()
    {
        var model = Train(computeLoss: false);
        Assert.All(model.History, r => Assert.True(double.IsNaN(r.Loss)));
    }
}
