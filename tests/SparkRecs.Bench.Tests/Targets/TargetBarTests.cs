using SparkRecs.Bench.Targets;

namespace SparkRecs.Bench.Tests;

public class TargetBarTests
{
    [Fact]
    public void Bars_describe_their_comparison_and_unit()
    {
        Assert.Equal("ratio <= 0.8", TargetBar.RatioAtMost(0.8).Describe());
        Assert.Equal("ratio >= 1", TargetBar.RatioAtLeast(1).Describe());
        Assert.Equal("<= 16 B/nnz", TargetBar.FigureAtMost(16, "B/nnz").Describe());
        Assert.Equal(">= 200,000,000 events", TargetBar.FigureAtLeast(200_000_000, "events").Describe());
    }

    [Fact]
    public void Only_ratio_bars_need_a_reference()
    {
        Assert.True(TargetBar.RatioAtMost(2).NeedsReference);
        Assert.True(TargetBar.RatioAtLeast(1).NeedsReference);
        Assert.False(TargetBar.FigureAtMost(0, "swaps").NeedsReference);
    }
}
