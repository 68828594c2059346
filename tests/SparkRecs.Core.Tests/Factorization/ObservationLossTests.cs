using SparkRecs.Core.Factorization;

namespace SparkRecs.Core.Tests.Factorization;

/// <summary>One observation's share of the objective, by hand.</summary>
public sealed class ObservationLossTests
{
    [Fact]
    public void Implicit_term_is_the_observed_pair_minus_its_unobserved_share_and_explicit_the_squared_error()
    {
        // c = 1 + 2 * 3 = 7, p = 1, s = 0.5: 7 * 0.25 - 0.25 = 1.5.
        Assert.Equal(1.5, ObservationLoss.Term(3f, 0.5, isImplicit: true, alpha: 2), 12);
        // Negative value: c = 1 + 2 * 1 = 3, p = 0: 3 * 0.25 - 0.25 = 0.5.
        Assert.Equal(0.5, ObservationLoss.Term(-1f, 0.5, isImplicit: true, alpha: 2), 12);
        Assert.Equal(6.25, ObservationLoss.Term(3f, 0.5, isImplicit: false, alpha: 2), 12);
    }
}
