using SparkRecs.Bench.Targets;
using SparkRecs.Core.Errors;

namespace SparkRecs.Bench.Tests;

public class ScaleRunFiguresTests
{
    private const string Report = """
        {
          "run_id": "r20261123T121757Z",
          "status": "succeeded",
          "data": { "rows_read": 200036640, "events": 200000000, "users": 1999492 },
          "timings": { "ingest": 177.461, "matrix": 26.481, "train": 74.986, "recommend": 63.043, "output": 31.55 }
        }
        """;

    private const string Log = """
        [02:18] train      model to serve: implicit ALS, rank 64, 1,999,492 users x 100,000 items, 164,452,668 non-zeros (2517.4 MiB CSR+CSC)
        	Elapsed (wall clock) time (h:mm:ss or m:ss): 6:15.94
        	Maximum resident set size (kbytes): 17406288
        	Swaps: 0
        	Exit status: 0
        """;

    [Fact]
    public void The_report_gives_the_run_status_events_and_stage_timings()
    {
        var figures = ScaleRunFigures.Parse(Report, null);

        Assert.Equal("r20261123T121757Z", figures.RunId);
        Assert.Equal(200_000_000, figures.Events);
        Assert.Equal(["ingest", "matrix", "train", "recommend", "output"], figures.StageSeconds.Select(s => s.Stage));
        Assert.Equal(74.986, figures.StageSeconds[2].Seconds);
        Assert.True(figures.Completed);
    }

    [Fact]
    public void Without_a_log_the_wall_time_peak_memory_and_swaps_are_unknown()
    {
        var figures = ScaleRunFigures.Parse(Report, null);

        Assert.Null(figures.WallSeconds);
        Assert.Null(figures.PeakRssBytes);
        Assert.Null(figures.Swaps);
        Assert.Null(figures.NonZeros);
    }

    [Fact]
    public void The_time_log_gives_wall_time_peak_memory_swaps_exit_status_and_non_zeros()
    {
        var figures = ScaleRunFigures.Parse(Report, Log);

        Assert.Equal(375.94, figures.WallSeconds!.Value, 6);
        Assert.Equal(17_406_288L * 1024, figures.PeakRssBytes);
        Assert.Equal(0, figures.Swaps);
        Assert.Equal(0, figures.ExitStatus);
        Assert.Equal(164_452_668, figures.NonZeros);
    }

    [Fact]
    public void A_wall_time_over_an_hour_reads_hours_minutes_and_seconds()
    {
        var figures = ScaleRunFigures.Parse(Report, "Elapsed (wall clock) time (h:mm:ss or m:ss): 1:02:03");

        Assert.Equal(3723, figures.WallSeconds);
    }

    [Fact]
    public void A_non_zero_exit_status_means_the_run_did_not_complete()
    {
        var figures = ScaleRunFigures.Parse(Report, Log.Replace("Exit status: 0", "Exit status: 137", StringComparison.Ordinal));

        Assert.Equal(137, figures.ExitStatus);
        Assert.False(figures.Completed);
    }

    [Fact]
    public void A_failed_report_status_means_the_run_did_not_complete()
    {
        var figures = ScaleRunFigures.Parse(Report.Replace("succeeded", "failed", StringComparison.Ordinal), Log);

        Assert.False(figures.Completed);
    }

    [Fact]
    public void A_report_without_the_needed_fields_is_a_data_error_naming_the_file()
    {
        var error = Assert.Throws<DataException>(() => ScaleRunFigures.Parse("""{ "run_id": "r1" }""", null, "runs/r1/report.json"));

        Assert.Contains("runs/r1/report.json", error.Message, StringComparison.Ordinal);
        Assert.Contains("status", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_without_a_report_is_a_data_error_saying_which_folder_to_give()
    {
        string folder = Path.Combine(Path.GetTempPath(), $"sparkrecs-bench-tests-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            var error = Assert.Throws<DataException>(() => ScaleRunFigures.Read(folder, null));

            Assert.Contains(folder, error.Message, StringComparison.Ordinal);
            Assert.Contains("report.json", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder);
        }
    }
}
