using SparkRecs.Core.Factorization;

namespace SparkRecs.Core.Tests.Factorization;

/// <summary>Pins the vectorised Cholesky (upper, right-looking, four pivots at a time) against the reference solver.</summary>
public sealed class CholeskyKernelTests
{
    public static TheoryData<int> Sizes()
    {
        var data = new TheoryData<int>();
        for (int k = 0; k <= 40; k++)
        {
            data.Add(k);
        }
        data.Add(64);
        data.Add(129);
        return data;
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Matches_the_reference_solver_and_the_known_solution_for_every_size(int k)
    {
        KernelSupport.Require();
        var (a, b, x) = SpdSystems.Create(k, seed: 7 * k + 1);
        var reference = ((double[])a.Clone(), (double[])b.Clone());
        Assert.Equal(-1, CholeskySolver.Solve(reference.Item1, reference.Item2, k));

        Assert.Equal(-1, CholeskyKernel.Solve(a, b, k));

        for (int i = 0; i < k; i++)
        {
            Assert.Equal(x[i], b[i], 8);
            Assert.Equal(reference.Item2[i], b[i], 10);
        }
    }

    [Fact]
    public void Reads_only_the_upper_triangle()
    {
        KernelSupport.Require();
        const int k = 9;
        var (a, b, x) = SpdSystems.Create(k, seed: 5);
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < i; j++)
            {
                a[i * k + j] = double.NaN;
            }
        }

        Assert.Equal(-1, CholeskyKernel.Solve(a, b, k));

        for (int i = 0; i < k; i++)
        {
            Assert.Equal(x[i], b[i], 9);
        }
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(6, 5)]
    [InlineData(11, 9)]
    public void Reports_the_first_non_positive_pivot(int k, int zeroPivot)
    {
        KernelSupport.Require();
        // Identity, except that row and column zeroPivot are a copy of row and column 0: singular there.
        var a = new double[k * k];
        for (int i = 0; i < k; i++)
        {
            a[i * k + i] = 1;
        }
        a[zeroPivot * k + zeroPivot] = 1;
        a[zeroPivot] = 1;
        a[zeroPivot * k] = 1;

        Assert.Equal(zeroPivot, CholeskyKernel.Solve(a, new double[k], k));
    }

    [Fact]
    public void Reports_a_nan_matrix_as_not_positive_definite()
    {
        KernelSupport.Require();
        double[] a = [double.NaN, 0, 0, 1];
        Assert.Equal(0, CholeskyKernel.Solve(a, new double[2], 2));
    }
}
