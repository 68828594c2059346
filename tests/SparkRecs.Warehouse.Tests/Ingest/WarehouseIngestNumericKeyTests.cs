using System.Globalization;
using System.Text;
using SparkRecs.Warehouse.Ingest;
using SparkRecs.Warehouse.Options;
using SparkRecs.Warehouse.Tests.TestSupport;

namespace SparkRecs.Warehouse.Tests.Ingest;

/// <summary>The ingest's fast paths for integer keys and counts change speed, not results.</summary>
public class WarehouseIngestNumericKeyTests
{
    private static IngestOptions Matrix(string path, int readThreads = 1) => new()
    {
        Format = "tsv",
        Path = path,
        HasHeader = false,
        Columns = new ColumnMapping { User = "0", Item = "1", Value = "2", Timestamp = "" },
        Dedupe = false,
        BotRule = new BotRuleOptions { Enabled = false },
        ReadThreads = readThreads,
    };

    [Fact]
    public void Integer_and_text_keys_keep_first_appearance_ids_and_their_exact_text_across_files()
    {
        using var dir = new TempFolder();
        dir.Write("dt=2024-01-01/part-0.tsv", "7\t10\t1\n007\t10\t1\nu1\t0010\t1\n7\t9\t1\n");
        dir.Write("dt=2024-01-02/part-0.tsv", "0\t9\t1\n00\t10\t1\n007\t123456789012345678\t1\n18446744073709551616\t10\t1\n");

        foreach (int threads in new[] { 1, 2 })
        {
            IngestResult result = WarehouseIngest.Run(Matrix(dir.Path, threads) with { Columns = new ColumnMapping { User = "0", Item = "1", Value = "2", Timestamp = "dt" } });

            Assert.Equal(["7", "007", "u1", "0", "00", "18446744073709551616"], result.Events.UserKeys.Keys);
            Assert.Equal(["10", "0010", "9", "123456789012345678"], result.Events.ItemKeys.Keys);
            Assert.Equal([0, 1, 2, 0, 3, 4, 1, 5], result.Events.Users.ToArray());
            Assert.Equal([0, 0, 1, 2, 2, 0, 3, 0], result.Events.Items.ToArray());
        }
    }

    [Fact]
    public void Counts_parse_to_the_values_float_parsing_gives()
    {
        string[] values = ["0", "1", "007", "1234567", "9999999", "12345678", "2.5", "1e3", "0.1"];
        using var dir = new TempFolder();
        string path = dir.Write("counts.tsv", string.Concat(values.Select((v, i) => $"u{i}\ti\t{v}\n")));

        IngestResult result = WarehouseIngest.Run(Matrix(path));

        Assert.Equal(values.Select(v => float.Parse(v, CultureInfo.InvariantCulture)), result.Events.Values.ToArray());
    }

    [Fact]
    public void A_file_of_over_a_million_rows_reads_the_same_after_the_table_is_sized_for_it()
    {
        const int rows = (1 << 20) + 50_000;
        var text = new StringBuilder(rows * 16);
        for (int row = 0; row < rows; row++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{row / 3}\t{(long)row * 7919 % 5003}\t{row % 5 + 1}\n");
        }
        using var dir = new TempFolder();
        string path = dir.Write("big.tsv", text.ToString());

        IngestResult result = WarehouseIngest.Run(Matrix(path));

        Assert.Equal(rows, result.Events.Count);
        Assert.Equal((rows + 2) / 3, result.Events.UserKeys.Count);
        Assert.Equal(5003, result.Events.ItemKeys.Count);
        int last = rows - 1;
        Assert.Equal(((last / 3).ToString(CultureInfo.InvariantCulture), ((long)last * 7919 % 5003).ToString(CultureInfo.InvariantCulture), last % 5 + 1f),
            (result.Events.UserKeys.KeyOf(result.Events.Users[last]), result.Events.ItemKeys.KeyOf(result.Events.Items[last]), result.Events.Values[last]));
        Assert.Equal(last / 3, result.Events.Users[last]);
    }
}
