using SparkRecs.Core.Errors;
using SparkRecs.Warehouse.Discovery;
using SparkRecs.Warehouse.Tests.TestSupport;

namespace SparkRecs.Warehouse.Tests.Discovery;

public class PartitionDiscoveryTests
{
    private const string Row = "user_id,item_id,timestamp\nu1,i1,1\n";

    [Fact]
    public void Window_selects_its_days_and_lists_the_missing_and_empty_ones()
    {
        using var dir = new TempFolder();
        dir.Write("dt=2024-01-01/part-00000.csv", Row);
        dir.Write("dt=2024-01-02/part-00000.csv.gz", Row);
        dir.Write("dt=2024-01-03/part-00000.csv", "");
        dir.Write("dt=2024-01-05/part-00000.csv", Row);
        dir.Write("dt=2024-01-05/part-00001.tsv", Row);
        dir.Write("dt=2024-01-09/part-00000.csv", Row);

        var found = PartitionDiscovery.Discover(dir.Path, new DayRange(new DateOnly(2024, 1, 2), new DateOnly(2024, 1, 6)));

        Assert.True(found.IsDatePartitioned);
        Assert.Equal(["dt=2024-01-02", "dt=2024-01-03", "dt=2024-01-05", "dt=2024-01-05"], found.Files.Select(f => Path.GetFileName(Path.GetDirectoryName(f.Path))));
        Assert.Equal([new DateOnly(2024, 1, 3), new DateOnly(2024, 1, 4), new DateOnly(2024, 1, 6)], found.MissingDays);
        Assert.Equal(new DayRange(new DateOnly(2024, 1, 2), new DateOnly(2024, 1, 6)), found.Days);
    }

    [Fact]
    public void Nested_keys_are_kept_as_partition_values_in_folder_order()
    {
        using var dir = new TempFolder();
        dir.Write("region=eu/dt=20240101/part-0.jsonl", "{}");
        dir.Write("region=us/dt=2024-01-02/part-0.parquet", "x");

        var found = PartitionDiscovery.Discover(dir.Path, window: null);

        Assert.Equal(2, found.Files.Count);
        Assert.Equal([new KeyValuePair<string, string>("region", "eu"), new KeyValuePair<string, string>("dt", "20240101")], found.Files[0].PartitionValues);
        Assert.Equal(new DateOnly(2024, 1, 1), found.Files[0].Day);
        Assert.Equal("us", found.Files[1].PartitionValue("REGION"));
        Assert.Empty(found.MissingDays);
    }

    [Fact]
    public void Bookkeeping_files_and_non_part_files_are_skipped()
    {
        using var dir = new TempFolder();
        dir.Write("dt=2024-01-01/part-0.csv", Row);
        dir.Write("dt=2024-01-01/_SUCCESS", "");
        dir.Write("dt=2024-01-01/.part-0.csv.crc", "x");
        dir.Write("dt=2024-01-01/notes.csv", Row);
        dir.Write("_temporary/dt=2024-01-02/part-0.csv", Row);

        var found = PartitionDiscovery.Discover(dir.Path, window: null);

        Assert.Equal(["part-0.csv"], found.Files.Select(f => Path.GetFileName(f.Path)));
    }

    [Fact]
    public void Open_window_ends_are_clipped_to_the_data()
    {
        using var dir = new TempFolder();
        dir.Write("dt=2024-01-01/part-0.csv", Row);
        dir.Write("dt=2024-01-04/part-0.csv", Row);

        var found = PartitionDiscovery.Discover(dir.Path, new DayRange(new DateOnly(2024, 1, 2), DateOnly.MaxValue.AddDays(-1)));

        Assert.Equal(new DayRange(new DateOnly(2024, 1, 2), new DateOnly(2024, 1, 4)), found.Days);
        Assert.Equal([new DateOnly(2024, 1, 2), new DateOnly(2024, 1, 3)], found.MissingDays);
    }

    [Fact]
    public void A_date_partition_that_is_not_a_date_names_the_folder()
    {
        using var dir = new TempFolder();
        dir.Write("dt=yesterday/part-0.csv", Row);

        var error = Assert.Throws<DataException>(() => PartitionDiscovery.Discover(dir.Path, null));

        Assert.Contains("dt=yesterday", error.Message);
    }

    [Fact]
    public void A_flat_folder_is_an_undated_table()
    {
        using var dir = new TempFolder();
        dir.Write("part-0.csv", Row);
        dir.Write("part-1.csv.gz", Row);

        var found = PartitionDiscovery.Discover(dir.Path, new DayRange(new DateOnly(2024, 1, 1), new DateOnly(2024, 1, 2)));

        Assert.False(found.IsDatePartitioned);
        Assert.Equal(2, found.Files.Count);
        Assert.Null(found.Days);
    }
}
