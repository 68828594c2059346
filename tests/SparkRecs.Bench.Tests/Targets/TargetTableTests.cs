using SparkRecs.Bench.Targets;

namespace SparkRecs.Bench.Tests;

public class TargetTableTests
{
    private static readonly TargetRow[] Rows =
    [
        new("implicit ALS CG k=64, s/iteration", 1.197, 5.5, TargetBar.RatioAtMost(0.8), "0.000", "median of 3"),
        TargetRow.NotMeasured("ingest vs pandas, M rows/s", null, TargetBar.RatioAtLeast(1), "skipped (--skip ingest)"),
        new("200M scale run: events", 0, null, TargetBar.FigureAtLeast(200_000_000, "events"), "N0", Failure: "no report.json"),
    ];

    [Fact]
    public void The_table_has_a_header_a_separator_and_one_line_per_row_with_aligned_columns()
    {
        var lines = TargetTable.Render(Rows);

        Assert.StartsWith("| target", lines[0]);
        Assert.StartsWith("|---", lines[1]);
        Assert.Equal(5 + 3, lines.Count); // header, separator, 3 rows; 2 notes and 1 failure
        Assert.All(lines.Take(5), line => Assert.Equal(lines[0].Length, line.Length));
    }

    [Fact]
    public void A_row_prints_figure_reference_ratio_bar_and_status()
    {
        string line = TargetTable.Render(Rows)[2];
        string[] cells = line.Trim('|').Split('|').Select(c => c.Trim()).ToArray();

        Assert.Equal(["implicit ALS CG k=64, s/iteration", "1.197", "5.500", "0.22", "ratio <= 0.8", "met"], cells);
    }

    [Fact]
    public void A_skipped_row_shows_not_measured_and_its_reason()
    {
        var lines = TargetTable.Render(Rows);
        string[] cells = lines[3].Trim('|').Split('|').Select(c => c.Trim()).ToArray();

        Assert.Equal("not measured", cells[1]);
        Assert.Equal("-", cells[3]);
        Assert.Equal("not measured", cells[5]);
        Assert.Contains("- ingest vs pandas, M rows/s: skipped (--skip ingest)", lines);
    }

    [Fact]
    public void A_failure_is_listed_under_the_table()
    {
        var lines = TargetTable.Render(Rows);

        Assert.Contains("- 200M scale run: events: FAILED: no report.json", lines);
        Assert.Contains("NOT MET", lines[4], StringComparison.Ordinal);
    }
}
