using SparkRecs.Core.Factorization;

namespace SparkRecs.Core.Tests.Factorization;

/// <summary>
/// Pins the vectorised row-solver kernels against literal double-precision loops, for every rank
/// from 1 to 50 (every padding remainder) and every panel length from 0 to 40.
/// </summary>
public sealed class FactorKernelsTests
{
    public static TheoryData<int> Ranks()
    {
        var data = new TheoryData<int>();
        for (int k = 1; k <= 50; k++)
        {
            data.Add(k);
        }
        data.Add(64);
        data.Add(127);
        data.Add(128);
        return data;
    }

    [Fact]
    public void Padded_rank_is_the_next_multiple_of_sixteen()
    {
        Assert.Equal(16, FactorKernels.PaddedRank(1));
        Assert.Equal(16, FactorKernels.PaddedRank(16));
        Assert.Equal(32, FactorKernels.PaddedRank(17));
        Assert.Equal(64, FactorKernels.PaddedRank(64));
        Assert.Equal(1024, FactorKernels.PaddedRank(AlsOptions.MaxRank));
    }

    [Theory]
    [MemberData(nameof(Ranks))]
    public void Apply_symmetric_equals_the_literal_product_plus_ridge(int k)
    {
        KernelSupport.Require();
        int kp = FactorKernels.PaddedRank(k);
        var random = new Random(k);
        var (matrix, x) = (Padded(Symmetric(random, k), k, kp), PaddedVector(Vector(random, k), kp));
        var destination = new float[kp];
        const float ridge = 0.37f;

        FactorKernels.ApplySymmetric(matrix, ridge, x, destination, kp);

        for (int i = 0; i < kp; i++)
        {
            double expected = ridge * (double)x[i];
            for (int j = 0; j < kp; j++)
            {
                expected += (double)matrix[i * kp + j] * x[j];
            }
            Assert.Equal(expected, destination[i], 1e-4 * (1 + Math.Abs(expected)));
        }
        Assert.All(destination[k..], v => Assert.Equal(0f, v));
    }

    [Theory]
    [MemberData(nameof(Ranks))]
    public void Apply_symmetric_without_a_matrix_is_the_ridge_alone(int k)
    {
        KernelSupport.Require();
        int kp = FactorKernels.PaddedRank(k);
        var x = PaddedVector(Vector(new Random(k), k), kp);
        var destination = new float[kp];

        FactorKernels.ApplySymmetric(ReadOnlySpan<float>.Empty, 2f, x, destination, kp);

        Assert.Equal(x.Select(v => 2f * v), destination);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(64)]
    [InlineData(100)]
    public void Apply_observations_adds_the_weighted_outer_products_for_every_panel_length(int k)
    {
        KernelSupport.Require();
        int kp = FactorKernels.PaddedRank(k);
        var random = new Random(k);
        for (int count = 0; count <= 40; count++)
        {
            var panel = Panel(random, count, k, kp);
            var weights = Vector(random, count);
            var x = PaddedVector(Vector(random, k), kp);
            var start = PaddedVector(Vector(random, k), kp);
            var destination = (float[])start.Clone();

            FactorKernels.ApplyObservations(panel, weights, count, x, destination, kp);

            for (int j = 0; j < kp; j++)
            {
                double expected = start[j];
                for (int i = 0; i < count; i++)
                {
                    double dot = 0;
                    for (int c = 0; c < kp; c++)
                    {
                        dot += (double)panel[i * kp + c] * x[c];
                    }
                    expected += weights[i] * dot * panel[i * kp + j];
                }
                Assert.Equal(expected, destination[j], 1e-4 * (1 + Math.Abs(expected)));
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(64)]
    [InlineData(100)]
    public void Panel_dots_score_every_row_for_every_panel_length(int k)
    {
        KernelSupport.Require();
        int kp = FactorKernels.PaddedRank(k);
        var random = new Random(k);
        for (int count = 0; count <= 40; count++)
        {
            var panel = Panel(random, count, k, kp);
            var x = PaddedVector(Vector(random, k), kp);
            var destination = Enumerable.Repeat(float.NaN, count + 1).ToArray();

            FactorKernels.PanelDots(panel, count, x, destination, kp);

            for (int i = 0; i < count; i++)
            {
                double expected = 0;
                for (int c = 0; c < kp; c++)
                {
                    expected += (double)panel[i * kp + c] * x[c];
                }
                Assert.Equal(expected, destination[i], 1e-5 * (1 + Math.Abs(expected)));
            }
            Assert.True(float.IsNaN(destination[count]), "PanelDots wrote past the panel's rows.");
        }
    }

    [Fact]
    public void Rank_64_register_loop_is_bit_identical_to_the_general_loop()
    {
        KernelSupport.Require();
        // The same panel at padded rank 64 (register path) and embedded at 80 (general path, whose
        // extra zero columns add exactly +0): every panel length, including odd tails.
        var random = new Random(64);
        for (int count = 0; count <= 9; count++)
        {
            var panel = Panel(random, count, 64, 64);
            var wide = new float[Math.Max(1, count) * 80];
            for (int i = 0; i < count; i++)
            {
                Array.Copy(panel, i * 64, wide, i * 80, 64);
            }
            var weights = Vector(random, count);
            var x = Vector(random, 64);
            var start = Vector(random, 64);
            var narrow = (float[])start.Clone();
            var general = new float[80];
            start.CopyTo(general, 0);

            FactorKernels.ApplyObservations(panel, weights, count, x, narrow, 64);
            FactorKernels.ApplyObservations(wide, weights, count, PaddedVector(x, 80), general, 80);

            Assert.Equal(general[..64], narrow);
        }
    }

    [Theory]
    [MemberData(nameof(Ranks))]
    public void Rank_update_fills_the_upper_triangle_with_the_weighted_gram_for_every_panel_length(int k)
    {
        KernelSupport.Require();
        int kp = FactorKernels.PaddedRank(k);
        var random = new Random(1000 + k);
        foreach (int count in new[] { 0, 1, 2, 3, 7, 16, 33 })
        {
            var panel = Panel(random, count, k, kp);
            var weights = Vector(random, count);
            var scaled = new float[panel.Length];
            for (int i = 0; i < count; i++)
            {
                for (int c = 0; c < kp; c++)
                {
                    scaled[i * kp + c] = weights[i] * panel[i * kp + c];
                }
            }
            var start = Padded(Symmetric(random, k), k, kp);
            var matrix = (float[])start.Clone();

            RankUpdateKernel.AccumulateUpper(panel, scaled, count, matrix, k, kp);

            for (int i = 0; i < k; i++)
            {
                for (int j = i; j < k; j++)
                {
                    double expected = start[i * kp + j];
                    for (int n = 0; n < count; n++)
                    {
                        expected += (double)scaled[n * kp + i] * panel[n * kp + j];
                    }
                    Assert.Equal(expected, matrix[i * kp + j], 1e-4 * (1 + Math.Abs(expected)));
                }
            }
        }
    }

    [Theory]
    [InlineData(5)]
    [InlineData(33)]
    [InlineData(64)]
    public void Rank_update_from_a_start_matrix_equals_copying_it_first_and_from_nothing_equals_from_zero(int k)
    {
        KernelSupport.Require();
        int kp = FactorKernels.PaddedRank(k);
        var random = new Random(k);
        const int count = 11;
        var panel = Panel(random, count, k, kp);
        var scaled = Panel(random, count, k, kp);
        var start = Padded(Symmetric(random, k), k, kp);

        var copied = (float[])start.Clone();
        RankUpdateKernel.AccumulateUpper(panel, scaled, count, copied, k, kp);
        var inPlace = new float[kp * kp];
        Array.Fill(inPlace, float.NaN);
        RankUpdateKernel.Update(panel, scaled, count, start, inPlace, k, kp);
        var zeroCopied = new float[kp * kp];
        RankUpdateKernel.AccumulateUpper(panel, scaled, count, zeroCopied, k, kp);
        var fromNothing = new float[kp * kp];
        Array.Fill(fromNothing, float.NaN);
        RankUpdateKernel.Update(panel, scaled, count, ReadOnlySpan<float>.Empty, fromNothing, k, kp);

        for (int i = 0; i < k; i++)
        {
            for (int j = i; j < kp; j++)
            {
                Assert.Equal(copied[i * kp + j], inPlace[i * kp + j]);
                Assert.Equal(zeroCopied[i * kp + j], fromNothing[i * kp + j]);
            }
        }
    }

    [Fact]
    public void Mirror_upper_makes_the_matrix_symmetric_from_its_upper_triangle()
    {
        const int k = 5;
        const int kp = 16;
        var matrix = new float[kp * kp];
        for (int i = 0; i < k; i++)
        {
            for (int j = i; j < k; j++)
            {
                matrix[i * kp + j] = j * 10 + i;
            }
        }

        RankUpdateKernel.MirrorUpper(matrix, k, kp);

        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++)
            {
                Assert.Equal(Math.Max(i, j) * 10 + Math.Min(i, j), matrix[i * kp + j]);
            }
        }
    }

    [Fact]
    public void Kernels_refuse_a_rank_that_is_not_padded()
    {
        Assert.Throws<ArgumentException>(() => FactorKernels.ApplySymmetric(new float[100], 1f, new float[10], new float[10], 10));
        Assert.Throws<ArgumentException>(() => FactorKernels.ApplyObservations(new float[16], new float[1], 2, new float[16], new float[16], 16));
        Assert.Throws<ArgumentException>(() => RankUpdateKernel.AccumulateUpper(new float[16], new float[16], 1, new float[256], 17, 16));
    }

    internal static float[] Vector(Random random, int length)
    {
        var values = new float[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = (float)(random.NextDouble() * 2 - 1);
        }
        return values;
    }

    private static float[] PaddedVector(float[] values, int kp)
    {
        var padded = new float[kp];
        values.CopyTo(padded, 0);
        return padded;
    }

    private static float[] Symmetric(Random random, int k)
    {
        var matrix = new float[k * k];
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                float v = (float)(random.NextDouble() * 2 - 1);
                matrix[i * k + j] = v;
                matrix[j * k + i] = v;
            }
        }
        return matrix;
    }

    private static float[] Padded(float[] matrix, int k, int kp)
    {
        var padded = new float[kp * kp];
        for (int i = 0; i < k; i++)
        {
            Array.Copy(matrix, i * k, padded, i * kp, k);
        }
        return padded;
    }

    private static float[] Panel(Random random, int count, int k, int kp)
    {
        var panel = new float[Math.Max(1, count) * kp];
        for (int i = 0; i < count; i++)
        {
            Vector(random, k).CopyTo(panel, i * kp);
        }
        return panel;
    }
}
