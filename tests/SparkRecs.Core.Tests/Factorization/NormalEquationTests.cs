using SparkRecs.Core.Factorization;

namespace SparkRecs.Core.Tests.Factorization;

public sealed class NormalEquationTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(8)]
    [InlineData(17)]
    public void Accumulates_weighted_outer_products_and_targets(int k)
    {
        var random = new Random(k);
        var equation = new NormalEquation(k);
        equation.Reset();
        var expectedA = new double[k * k];
        var expectedB = new double[k];
        for (int obs = 0; obs < 5; obs++)
        {
            var y = Enumerable.Range(0, k).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
            float target = (float)random.NextDouble() * 3f;
            float weight = obs == 2 ? 0f : (float)random.NextDouble() * 2f;
            equation.Add(y, target, weight);
            for (int i = 0; i < k; i++)
            {
                expectedB[i] += target * y[i];
                for (int j = 0; j < k; j++)
                {
                    expectedA[i * k + j] += weight * y[i] * y[j];
                }
            }
        }

        var a = new double[k * k];
        var b = new double[k];
        equation.CopyTo(a, b, ridge: 0.25);

        for (int i = 0; i < k; i++)
        {
            Assert.Equal(expectedB[i], b[i], 5);
            for (int j = 0; j < k; j++)
            {
                double ridge = i == j ? 0.25 : 0d;
                Assert.Equal(expectedA[i * k + j] + ridge, a[i * k + j], 5);
            }
        }
    }

    [Fact]
    public void Reset_from_a_base_matrix_starts_from_that_matrix_and_a_zero_right_hand_side()
    {
        var equation = new NormalEquation(2);
        equation.Add([1f, 1f], 5f, 1f);
        equation.Reset([2f, 0.5f, 0.5f, 3f]);
        var a = new double[4];
        var b = new double[2];
        equation.CopyTo(a, b, ridge: 0d);
        Assert.Equal([2d, 0.5d, 0.5d, 3d], a);
        Assert.Equal([0d, 0d], b);
    }

    [Fact]
    public void Reset_clears_the_previous_row()
    {
        var equation = new NormalEquation(2);
        equation.Add([1f, 2f], 3f, 1f);
        equation.Reset();
        Assert.All(equation.A.ToArray(), v => Assert.Equal(0f, v));
        Assert.All(equation.B.ToArray(), v => Assert.Equal(0f, v));
    }
}
