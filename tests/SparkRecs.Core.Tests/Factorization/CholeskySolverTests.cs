using SparkRecs.Core.Factorization;

namespace SparkRecs.Core.Tests.Factorization;

public sealed class CholeskySolverTests
{
    [Fact]
    public void Solves_a_small_system_with_a_hand_checked_solution()
    {
        // A = [[4, 2], [2, 3]], x = [1, -2] -> b = [0, -4].
        double[] a = [4, 2, 2, 3];
        double[] b = [0, -4];
        Assert.Equal(-1, CholeskySolver.Solve(a, b, 2));
        Assert.Equal(1d, b[0], 12);
        Assert.Equal(-2d, b[1], 12);
        // L = [[2, 0], [1, sqrt(2)]] in the lower triangle.
        Assert.Equal(2d, a[0], 12);
        Assert.Equal(1d, a[2], 12);
        Assert.Equal(Math.Sqrt(2d), a[3], 12);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(16)]
    [InlineData(33)]
    [InlineData(64)]
    public void Recovers_the_known_solution_of_a_random_spd_system_of_every_size(int k)
    {
        var (a, b, x) = SpdSystems.Create(k, seed: k);
        Assert.Equal(-1, CholeskySolver.Solve(a, b, k));
        for (int i = 0; i < k; i++)
        {
            Assert.Equal(x[i], b[i], 9);
        }
    }

    [Fact]
    public void Reads_only_the_lower_triangle()
    {
        var (a, b, x) = SpdSystems.Create(5, seed: 3);
        for (int i = 0; i < 5; i++)
        {
            for (int j = i + 1; j < 5; j++)
            {
                a[i * 5 + j] = double.NaN;
            }
        }
        Assert.Equal(-1, CholeskySolver.Solve(a, b, 5));
        Assert.Equal(x[4], b[4], 9);
    }

    [Fact]
    public void Reports_the_first_non_positive_pivot_of_a_singular_matrix()
    {
        // Rank-1 matrix [1 1; 1 1]: the second pivot is 0.
        double[] a = [1, 1, 1, 1];
        double[] b = [1, 1];
        Assert.Equal(1, CholeskySolver.Solve(a, b, 2));
    }

    [Fact]
    public void Reports_a_nan_matrix_as_not_positive_definite()
    {
        double[] a = [double.NaN, 0, 0, 1];
        double[] b = [1, 1];
        Assert.Equal(0, CholeskySolver.Solve(a, b, 2));
    }
}
