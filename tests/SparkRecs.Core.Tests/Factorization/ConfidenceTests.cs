using SparkRecs.Core.Factorization;

namespace SparkRecs.Core.Tests.Factorization;

public sealed class ConfidenceTests
{
    [Theory]
    [InlineData(3f, 2f, 6f, 7f, true)]     // c = 1 + 2 * 3 = 7, p = 1: weight c - 1, target c
    [InlineData(-3f, 2f, 6f, 0f, false)]   // negative: confident non-preference, p = 0
    [InlineData(0f, 2f, 0f, 0f, false)]    // stored zero: same as unobserved
    public void Implicit_values_become_confidence_and_preference(float value, float alpha, float weight, float target, bool evidence)
    {
        Assert.Equal(weight, Confidence.Weight(value, isImplicit: true, alpha));
        Assert.Equal(target, Confidence.Target(value, isImplicit: true, alpha));
        Assert.Equal(evidence, Confidence.IsEvidence(value, isImplicit: true));
    }

    [Theory]
    [InlineData(4.5f)]
    [InlineData(-2f)]
    [InlineData(0f)]
    public void Explicit_values_are_targets_with_unit_weight(float value)
    {
        Assert.Equal(1f, Confidence.Weight(value, isImplicit: false, alpha: 40f));
        Assert.Equal(value, Confidence.Target(value, isImplicit: false, alpha: 40f));
        Assert.True(Confidence.IsEvidence(value, isImplicit: false));
    }
}
