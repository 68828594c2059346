using SparkRecs.Core.Factorization;

namespace SparkRecs.Core.Tests.Factorization;

public sealed class FactorInitializerTests
{
    [Fact]
    public void A_row_depends_only_on_seed_side_and_row()
    {
        var small = new FactorMatrix(10, 16);
        var large = new FactorMatrix(1000, 16);
        FactorInitializer.Fill(small, 7, FactorInitializer.UserSide, nonnegative: false);
        FactorInitializer.Fill(large, 7, FactorInitializer.UserSide, nonnegative: false);
        Assert.Equal(small.Row(9).ToArray(), large.Row(9).ToArray());

        var items = new FactorMatrix(10, 16);
        FactorInitializer.Fill(items, 7, FactorInitializer.ItemSide, nonnegative: false);
        Assert.NotEqual(small.Row(3).ToArray(), items.Row(3).ToArray());

        var otherSeed = new FactorMatrix(10, 16);
        FactorInitializer.Fill(otherSeed, 8, FactorInitializer.UserSide, nonnegative: false);
        Assert.NotEqual(small.Row(3).ToArray(), otherSeed.Row(3).ToArray());
        Assert.NotEqual(small.Row(3).ToArray(), small.Row(4).ToArray());
    }

    [Theory]
    [InlineData(4)]
    [InlineData(64)]
    public void Values_are_small_and_scaled_by_one_over_sqrt_rank(int rank)
    {
        var factors = new FactorMatrix(2000, rank);
        FactorInitializer.Fill(factors, 42, FactorInitializer.UserSide, nonnegative: false);
        float bound = 1f / MathF.Sqrt(rank);
        Assert.All(factors.Data, v => Assert.InRange(v, -bound, bound));
        double meanSquaredNorm = Enumerable.Range(0, factors.Rows)
            .Average(r => factors.Row(r).ToArray().Sum(v => (double)v * v));
        Assert.Equal(1d / 3d, meanSquaredNorm, 1);
        Assert.Contains(factors.Data, v => v < 0f);
    }

    [Fact]
    public void Non_negative_start_has_no_negative_value()
    {
        var factors = new FactorMatrix(500, 8);
        FactorInitializer.Fill(factors, 42, FactorInitializer.ItemSide, nonnegative: true);
        Assert.All(factors.Data, v => Assert.True(v >= 0f));
    }
}
