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

        bool exact = new NonNegativeLeastSquares(k).Solve(a, b, x);

        Assert.True(exact);
        for (int i = 0; i < k; i++)
        {
            Assert.Equal(expected[i], x[i], 9);
        }
    }

    [Fact]
    public void Returns_zero_when_every_coordinate_wants_to_be_negative()
    {
        double[] a = [2, 1, 1, 2];
        double[] b = [-1, -1];
        var x = new double[] { 3, 3 };

        Assert.True(new NonNegativeLeastSquares(2).Solve(a, b, x));

        Assert.Equal([0d, 0d], x);
    }

    [Fact]
    public void Clips_at_zero_and_satisfies_the_optimality_conditions()
    {
        // A = I: the constrained minimiser is max(b, 0) component-wise.
        double[] a = [1, 0, 0, 0, 1, 0, 0, 0, 1];
        double[] b = [2, -3, 0.5];
        var x = new double[] { -1, 5, 0 };

        Assert.True(new NonNegativeLeastSquares(3).Solve(a, b, x));

        Assert.Equal([2d, 0d, 0.5d], x);
    }

    [Theory]
    [InlineData(1, 4)]
    [InlineData(5, 4)]
    [InlineData(10, 4)]
    [InlineData(10, 9)]
    [InlineData(32, 77)]
    public void Meets_the_optimality_conditions_on_a_random_problem(int k, int seed)
    {
        var (a, _, _) = SpdSystems.Create(k, seed, shift: 1);
        var random = new Random(seed + 1);
        var b = Enumerable.Range(0, k).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        var x = Enumerable.Range(0, k).Select(_ => random.NextDouble()).ToArray();

        Assert.True(new NonNegativeLeastSquares(k).Solve(a, b, x));

        var gradient = SpdSystems.Multiply(a, x, k);
        for (int i = 0; i < k; i++)
        {
            gradient[i] -= b[i];
            Assert.True(x[i] >= 0d);
            if (x[i] > 1e-9)
            {
                Assert.True(Math.Abs(gradient[i]) < 1e-9, $"free coordinate {i} has gradient {gradient[i]}");
            }
            else
            {
                Assert.True(gradient[i] > -1e-9, $"clipped coordinate {i} has gradient {gradient[i]}");
            }
        }
        if (k > 1)
        {
            Assert.Contains(x, v => v == 0d);
        }
    }
}
