using SparkRecs.Core.Factorization;

namespace SparkRecs.Core.Tests.Factorization;

public sealed class GramMatrixTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(5, 3)]
    [InlineData(3000, 7)]
    public void Equals_the_sum_of_outer_products(int rows, int k)
    {
        var factors = new FactorMatrix(rows, k);
        FactorInitializer.Fill(factors, seed: rows, FactorInitializer.UserSide, nonnegative: false);
        var gram = new GramMatrix(rows, k);

        gram.Compute(factors, threads: 2, CancellationToken.None);

        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++)
            {
                double expected = 0d;
                for (int r = 0; r < rows; r++)
                {
                    expected += (double)factors.Row(r)[i] * factors.Row(r)[j];
                }
                Assert.Equal(expected, gram.Full[i * k + j], 9);
                Assert.Equal((float)gram.Full[i * k + j], gram.FullSingle[i * k + j]);
            }
        }
    }

    [Fact]
    public void Is_bit_identical_for_any_thread_count()
    {
        var factors = new FactorMatrix(20_000, 8);
        FactorInitializer.Fill(factors, seed: 1, FactorInitializer.ItemSide, nonnegative: false);
        var one = new GramMatrix(20_000, 8);
        var three = new GramMatrix(20_000, 8);

        one.Compute(factors, threads: 1, CancellationToken.None);
        three.Compute(factors, threads: 3, CancellationToken.None);

        Assert.Equal(one.Full, three.Full);
    }

    public static TheoryData<int, int> RowsAndRanks()
    {
        var data = new TheoryData<int, int>();
        foreach (int rows in new[] { 1, 3, 17, 1500 })
        {
            for (int k = 1; k <= 40; k += 3)
            {
                data.Add(rows, k);
            }
            data.Add(rows, 64);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(RowsAndRanks))]
    public void Tiled_kernel_equals_the_reference_loop_for_every_rank_and_tail(int rows, int k)
    {
        KernelSupport.Require();
        var factors = new FactorMatrix(rows, k);
        FactorInitializer.Fill(factors, seed: rows + k, FactorInitializer.ItemSide, nonnegative: false);
        var reference = new GramMatrix(rows, k, useKernels: false);
        var tiled = new GramMatrix(rows, k);

        reference.Compute(factors, threads: 2, CancellationToken.None);
        tiled.Compute(factors, threads: 2, CancellationToken.None);

        for (int n = 0; n < k * k; n++)
        {
            Assert.Equal(reference.Full[n], tiled.Full[n], 1e-12 * (1 + Math.Abs(reference.Full[n])));
        }
        int kp = FactorKernels.PaddedRank(k);
        for (int i = 0; i < kp; i++)
        {
            for (int j = 0; j < kp; j++)
            {
                float expected = i < k && j < k ? tiled.FullSingle[i * k + j] : 0f;
                Assert.Equal(expected, tiled.PaddedSingle[i * kp + j]);
            }
        }
    }
}
