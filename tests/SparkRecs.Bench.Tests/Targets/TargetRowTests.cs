using SparkRecs.Bench.Targets;

namespace SparkRecs.Bench.Tests;

public class TargetRowTests
{
    [Fact]
    public void Ratio_is_our_figure_over_the_reference()
    {
        var row = new TargetRow("CG k=64", 1.1, 5.5, TargetBar.RatioAtMost(0.8));

        Assert.Equal(0.2, row.Ratio!.Value, 12);
        Assert.Equal("0.20", row.RatioText);
    }

    [Theory]
    [InlineData(4.4, "met")]
    [InlineData(4.39, "met")]
    [InlineData(4.41, "NOT MET")]
    public void A_time_bar_is_met_up_to_and_including_its_limit(double seconds, string expected)
    {
        var row = new TargetRow("CG k=64", seconds, 5.5, TargetBar.RatioAtMost(0.8));

        Assert.Equal(expected, row.StatusText);
    }

    [Theory]
    [InlineData(17.5, 17.5, "met")]
    [InlineData(20.0, 17.5, "met")]
    [InlineData(5.55, 17.5, "NOT MET")]
    public void A_rate_bar_needs_at_least_the_reference(double ours, double pandas, string expected)
    {
        var row = new TargetRow("ingest", ours, pandas, TargetBar.RatioAtLeast(1));

        Assert.Equal(expected, row.StatusText);
    }

    [Theory]
    [InlineData(16.0, "met")]
    [InlineData(16.1, "NOT MET")]
    public void A_figure_bar_compares_the_figure_itself(double bytesPerNonZero, string expected)
    {
        var row = new TargetRow("memory", bytesPerNonZero, null, TargetBar.FigureAtMost(16, "B/nnz"));

        Assert.Equal(expected, row.StatusText);
        Assert.Null(row.Ratio);
        Assert.Equal("-", row.RatioText);
    }

    [Fact]
    public void A_skipped_measurement_prints_not_measured_and_no_number()
    {
        var row = TargetRow.NotMeasured("CG k=64", 5.5, TargetBar.RatioAtMost(0.8), "skipped (--skip als)");

        Assert.Equal(TargetStatus.NotMeasured, row.Status);
        Assert.Equal("not measured", row.FigureText);
        Assert.Equal("not measured", row.StatusText);
        Assert.Null(row.Ratio);
        Assert.Equal("-", row.RatioText);
    }

    [Fact]
    public void A_failed_run_is_not_met_even_when_its_figure_passes()
    {
        var row = new TargetRow("scale", 200_000_000, null, TargetBar.FigureAtLeast(200_000_000, "events"), Failure: "exit status 1");

        Assert.Equal(TargetStatus.NotMet, row.Status);
        Assert.Equal("NOT MET", row.StatusText);
    }

    [Fact]
    public void A_figure_without_a_bar_is_reported()
    {
        var row = new TargetRow("wall time", 296, null, null, "0");

        Assert.Equal(TargetStatus.Reported, row.Status);
        Assert.Equal("296", row.FigureText);
    }

    [Fact]
    public void A_ratio_bar_without_a_reference_cannot_be_judged()
    {
        var row = new TargetRow("top-N", 19.0, null, TargetBar.RatioAtMost(2));

        Assert.Equal(TargetStatus.NotMeasured, row.Status);
    }

    [Fact]
    public void A_nan_figure_never_meets_a_bar()
    {
        Assert.Equal(TargetStatus.NotMet, new TargetRow("memory", double.NaN, null, TargetBar.FigureAtMost(16, "B/nnz")).Status);
        Assert.Equal(TargetStatus.NotMet, new TargetRow("CG", double.NaN, 5.5, TargetBar.RatioAtMost(0.8)).Status);
    }

    [Fact]
    public void A_zero_reference_gives_no_ratio()
    {
        Assert.Null(new TargetRow("x", 1, 0, TargetBar.RatioAtMost(2)).Ratio);
    }
}
