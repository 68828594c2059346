using SparkRecs.Core.Factorization;

namespace SparkRecs.Core.Tests.Factorization;

public sealed class NonNegativeLeastSquaresTests
{
    [Fact]
    public void Equals_the_unconstrained_solution_when_that_is_already_non_negative()
    {
        const int k = 6;
        var (a, _, _) = SpdSystems.Create(k, seed: 21, shift: 2);
        double[] expected = [0.5, 1, 0.25, 2, 0.75, 1.5];
        var b = SpdSystems.Multiply(a, expected, k);
        var x = new double[k];

        NonNegativeLeastSquares.Solve(a, b, x, new double[k], k);

        for (int i = 0; i < k; i++)
        {
            Assert.Equal(expected[i], x[i], 5);
        }
    }

    [Fact]
    public void Clips_at_zero_and_satisfies_the_optimality_conditions()
    {
        // A = I: the constrained minimiser is max(b, 0) component-wise.
        double[] a = [1, 0, 0, 0, 1, 0, 0, 0, 1];
        double[] b = [2, -3, 0.5];
        var x = new double[] { -1, 5, 0 };

        NonNegativeLeastSquares.Solve(a, b, x, new double[3], 3);

        Assert.Equal([2d, 0d, 0.5d], x);
    }

    [Fact]
    public void Meets_the_kkt_conditions_on_a_random_problem()
    {
        const int k = 10;
        var (a, _, _) = SpdSystems.Create(k, seed: 4, shift: 1);
        var random = new Random(8);
        var b = Enumerable.Range(0, k).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        var x = new double[k];

        NonNegativeLeastSquares.Solve(a, b, x, new double[k], k);

        var gradient = SpdSystems.Multiply(a, x, k);
        for (int i = 0; i < k; i++)
        {
            gradient[i] -= b[i];
            Assert.True(x[i] >= 0d);
            if (x[i] > 1e-9)
            {
                Assert.True(Math.Abs(gradient[i]) < 1e-4, $"free coordinate {i} has gradient {gradient[i]}");
            }
            else
            {
                Assert.True(gradient[i] > -1e-4, $"clipped coordinate {i} has gradient {gradient[i]}");
            }
        }
        Assert.Contains(x, v => v == 0d);
    }
}
