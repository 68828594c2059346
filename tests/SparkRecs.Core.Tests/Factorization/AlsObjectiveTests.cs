using SparkRecs.Core.Factorization;

namespace SparkRecs.Core.Tests.Factorization;

/// <summary>The efficient objective (Gram-matrix trick) against the literal sum over every pair.</summary>
public sealed class AlsObjectiveTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Reported_loss_equals_the_objective_evaluated_over_every_pair(bool isImplicit)
    {
        var data = SyntheticRatings.Counts(40, 30, density: 0.2, seed: 4);
        var options = new AlsOptions { Implicit = isImplicit, Rank = 5, Alpha = 3f, Iterations = 3, Threads = 2 };

        var model = AlsTrainer.Fit(data, data.Transpose(), options);
        double literal = ReferenceAls.Objective(data, ReferenceAls.ToArray(model.UserFactors), ReferenceAls.ToArray(model.ItemFactors), options);

        Assert.Equal(literal, model.History[^1].Loss, literal * 1e-6);
    }

    [Fact]
    public void Regularization_counts_positive_values_only_for_implicit_scaling()
    {
        // One user, two items: a positive and a negative value. Scaled implicit ridge is lambda * 1.
        var data = Core.Sparse.CsrMatrix.FromCoordinates(1, 2, [0, 0], [0, 1], [2f, -1f]);
        var options = new AlsOptions { Rank = 1, RegParam = 0.5f, Alpha = 1f, ScaleRegularizationByCount = true, Threads = 1 };
        var users = new FactorMatrix(1, 1, [2f]);
        var items = new FactorMatrix(2, 1, [0.5f, 0.25f]);
        var gram = new GramMatrix(1, 1);
        gram.Compute(users, 1, CancellationToken.None);

        double loss = AlsObjective.Compute(new AlsSide(data, options), new AlsSide(data.Transpose(), options), users, items, gram.Full, options, CancellationToken.None);

        // Scores 1 and 0.5. Item 0: c = 3, p = 1 -> 0; item 1: c = 2, p = 0 -> 2 * 0.25 = 0.5.
        // Ridge: user 0.5 * 1 * 4 = 2; item 0: 0.5 * 1 * 0.25 = 0.125; item 1 has no positive value: 0.
        Assert.Equal(0.5 + 2 + 0.125, loss, 1e-9);
    }
}
