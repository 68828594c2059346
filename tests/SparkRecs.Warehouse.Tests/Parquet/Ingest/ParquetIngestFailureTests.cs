using SparkRecs.Core.Errors;
using SparkRecs.Warehouse.Ingest;
using SparkRecs.Warehouse.Options;
using SparkRecs.Warehouse.Parquet;
using SparkRecs.Warehouse.Tests.TestSupport;
using static SparkRecs.Warehouse.Tests.Parquet.Ingest.ParquetTestFiles;

namespace SparkRecs.Warehouse.Tests.Parquet.Ingest;

public class ParquetIngestFailureTests
{
    [Fact]
    public void A_truncated_parquet_file_in_a_partition_stops_the_ingest_naming_the_file()
    {
        using var dir = new TempFolder();
        WriteDay(dir, "2024-03-01");
        string broken = WriteDay(dir, "2024-03-02");
        byte[] bytes = File.ReadAllBytes(broken);
        File.WriteAllBytes(broken, bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<DataException>(() => WarehouseIngest.Run(new IngestOptions { Path = dir.Path }));

        Assert.Contains(broken, error.Message);
        var cause = Assert.IsType<ParquetFormatException>(error.InnerException);
        Assert.Equal(ParquetProblem.Corrupt, cause.Problem);
    }

    [Fact]
    public void A_damaged_page_of_a_mapped_column_stops_the_ingest_naming_the_file_and_column()
    {
        using var dir = new TempFolder();
        string path = WriteDay(dir, "2024-03-01", new ParquetWriterOptions { Compression = ParquetCompression.Uncompressed, DictionaryEncoding = false });
        Damage(path, "item-marker");

        var error = Assert.Throws<DataException>(() => WarehouseIngest.Run(new IngestOptions { Path = dir.Path }));

        Assert.Contains(path, error.Message);
        Assert.Contains("item_id", error.Message);
    }

    [Fact]
    public void Only_mapped_columns_are_read_so_damage_in_another_column_goes_unnoticed()
    {
        using var dir = new TempFolder();
        string path = WriteDay(dir, "2024-03-01", new ParquetWriterOptions { Compression = ParquetCompression.Uncompressed, DictionaryEncoding = false });
        Damage(path, "payload-marker");
        using (ParquetFile file = ParquetFile.Open(path))
        {
            Assert.Throws<ParquetFormatException>(() => file.ReadColumn(0, "payload"));
        }

        IngestResult result = WarehouseIngest.Run(new IngestOptions { Path = dir.Path });

        Assert.Equal(2, result.Report.Events);
    }

    [Fact]
    public void An_explicit_parquet_format_reads_parquet_and_refuses_other_files_by_name()
    {
        using var dir = new TempFolder();
        WriteDay(dir, "2024-03-01");
        var options = new IngestOptions { Path = dir.Path, Format = "parquet" };
        Assert.Equal(2, WarehouseIngest.Run(options).Report.Events);

        string csv = dir.Write("dt=2024-03-02/part-0.csv", "user_id,item_id,timestamp\nu1,i1,1\n");
        var error = Assert.Throws<DataException>(() => WarehouseIngest.Run(options));

        Assert.Contains(csv, error.Message);
        Assert.Contains("'parquet'", error.Message);
    }

    [Fact]
    public void A_gzipped_parquet_file_is_refused_with_what_to_do()
    {
        using var dir = new TempFolder();
        string path = WriteDay(dir, "2024-03-01");
        File.Move(path, path + ".gz");

        var error = Assert.Throws<DataException>(() => WarehouseIngest.Run(new IngestOptions { Path = dir.Path }));

        Assert.Contains(path + ".gz", error.Message);
        Assert.Contains("gunzip", error.Message);
    }

    private static string WriteDay(TempFolder dir, string day, ParquetWriterOptions? options = null)
        => Write(Path.Combine(dir.Path, $"dt={day}", "part-0.parquet"), options,
            new TestColumn("user_id", ParquetWriterType.String, ["u1", "u2"]),
            new TestColumn("item_id", ParquetWriterType.String, ["item-marker-1", "item-marker-2"]),
            new TestColumn("payload", ParquetWriterType.String, ["payload-marker-1", "payload-marker-2"]),
            new TestColumn("timestamp", ParquetWriterType.TimestampMillis, [Ms(new DateOnly(2024, 3, 1), 1), Ms(new DateOnly(2024, 3, 1), 2)]));

    /// <summary>Flips the first occurrence of <paramref name="marker"/> (inside a data page), so that page's CRC no longer matches.</summary>
    private static void Damage(string path, string marker)
    {
        byte[] bytes = File.ReadAllBytes(path);
        int at = bytes.AsSpan().IndexOf(System.Text.Encoding.ASCII.GetBytes(marker));
        Assert.True(at > 0, $"marker '{marker}' not found");
        bytes[at] ^= 0x20;
        File.WriteAllBytes(path, bytes);
    }
}
