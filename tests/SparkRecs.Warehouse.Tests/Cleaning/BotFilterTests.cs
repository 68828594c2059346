using SparkRecs.Warehouse.Cleaning;

namespace SparkRecs.Warehouse.Tests.Cleaning;

public class BotFilterTests
{
    [Theory]
    [InlineData(new[] { 5 }, 99.9, 5)]
    [InlineData(new[] { 1, 2 }, 99.9, 1)]
    [InlineData(new[] { 1, 2, 3, 4, 1000 }, 99.9, 4)]
    [InlineData(new[] { 1, 2, 3, 4, 1000 }, 50, 3)]
    [InlineData(new[] { 1, 2, 3, 4, 1000 }, 0, 1)]
    public void The_lower_percentile_never_lets_the_busiest_user_set_its_own_reference(int[] sorted, double percentile, double expected)
        => Assert.Equal(expected, BotFilter.LowerPercentile(sorted, percentile));
}
