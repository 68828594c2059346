using SparkRecs.Core.Factorization;

namespace SparkRecs.Core.Tests.Factorization;

/// <summary>The loss of a row from its assembled normal equations against the sum of its observations' terms.</summary>
public sealed class ObservationLossTests
{
    [Theory]
    [InlineData(true, 5, 0)]
    [InlineData(true, 7, 3)]
    [InlineData(false, 4, 0)]
    [InlineData(false, 6, 2)]
    public void Terms_from_the_system_equal_the_terms_from_the_scores(bool isImplicit, int k, int padding)
    {
        var random = new Random(k * 10 + padding);
        int stride = k + padding;
        const float alpha = 2.5f;
        int count = 40;
        var rows = new float[count][];
        var values = new float[count];
        for (int n = 0; n < count; n++)
        {
            rows[n] = Enumerable.Range(0, k).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
            values[n] = n % 5 == 0 ? -(n % 3 + 1) : n % 4 + 1; // negative values too
        }
        var x = Enumerable.Range(0, k).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        // A shared part G (symmetric, here arbitrary) that the system starts from.
        var gram = new float[isImplicit ? stride * stride : 0];
        for (int i = 0; i < gram.Length; i++)
        {
            gram[i] = i % stride < k && i / stride < k ? (float)random.NextDouble() : 0f;
        }

        var system = new float[stride * stride];
        gram.CopyTo(system, 0);
        var b = new float[stride];
        double expected = 0d;
        double constant = 0d;
        for (int n = 0; n < count; n++)
        {
            float weight = Confidence.Weight(values[n], isImplicit, alpha);
            float target = Confidence.Target(values[n], isImplicit, alpha);
            for (int i = 0; i < k; i++)
            {
                b[i] += target * rows[n][i];
                for (int j = i; j < k; j++)
                {
                    system[i * stride + j] += weight * rows[n][i] * rows[n][j];
                }
            }
            double score = rows[n].Zip(x, (a, c) => (double)a * c).Sum();
            expected += ObservationLoss.Term(values[n], score, isImplicit, alpha);
            constant += ObservationLoss.Constant(values[n], isImplicit, alpha);
        }

        double actual = ObservationLoss.FromSystem(system, gram, stride, b, x) + constant;

        Assert.Equal(expected, actual, 1e-5 * Math.Abs(expected));
    }

    [Fact]
    public void Implicit_term_is_the_observed_pair_minus_its_unobserved_share()
    {
        // c = 1 + 2 * 3 = 7, p = 1, s = 0.5: 7 * 0.25 - 0.25 = 1.5.
        Assert.Equal(1.5, ObservationLoss.Term(3f, 0.5, isImplicit: true, alpha: 2), 12);
        // Negative value: c = 1 + 2 * 1 = 3, p = 0: 3 * 0.25 - 0.25 = 0.5.
        Assert.Equal(0.5, ObservationLoss.Term(-1f, 0.5, isImplicit: true, alpha: 2), 12);
        Assert.Equal(7d, ObservationLoss.Constant(3f, isImplicit: true, alpha: 2));
        Assert.Equal(0d, ObservationLoss.Constant(-1f, isImplicit: true, alpha: 2));
        Assert.Equal(6.25, ObservationLoss.Term(3f, 0.5, isImplicit: false, alpha: 2), 12);
        Assert.Equal(9d, ObservationLoss.Constant(3f, isImplicit: false, alpha: 2));
    }
}
