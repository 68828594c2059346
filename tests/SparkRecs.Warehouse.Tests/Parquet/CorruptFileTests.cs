using SparkRecs.Core.Errors;
using SparkRecs.Warehouse.Parquet;

namespace SparkRecs.Warehouse.Tests.Parquet;

/// <summary>Damaged files are refused by name with a typed error; the reader never crashes or returns garbage silently.</summary>
public sealed class CorruptFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sparkrecs-parquet-corrupt-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void File_without_parquet_magic_is_refused_as_corrupt()
    {
        string path = Write("not-parquet.parquet", "user_id,item_id\nu1,i1\n"u8.ToArray());

        var error = Assert.Throws<ParquetFormatException>(() => ParquetFile.Open(path));

        Assert.Equal(ParquetProblem.Corrupt, error.Problem);
        Assert.Contains("not-parquet.parquet", error.Message, StringComparison.Ordinal);
        Assert.Contains("magic", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_file_is_refused_as_corrupt()
    {
        byte[] bytes = File.ReadAllBytes(Fixture("duckdb-snappy-v1.parquet"));
        string path = Write("truncated.parquet", bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<ParquetFormatException>(() => ParquetFile.Open(path));

        Assert.Equal(ParquetProblem.Corrupt, error.Problem);
    }

    [Fact]
    public void Footer_length_beyond_the_file_is_reported_as_a_truncated_footer()
    {
        byte[] bytes = File.ReadAllBytes(Fixture("hyparquet-snappy.parquet"));
        BitConverter.TryWriteBytes(bytes.AsSpan(bytes.Length - 8), bytes.Length * 2);
        string path = Write("long-footer.parquet", bytes);

        var error = Assert.Throws<ParquetFormatException>(() => ParquetFile.Open(path));

        Assert.Contains("truncated footer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_file_is_a_data_error_naming_the_path()
    {
        string path = Path.Combine(_folder, "absent.parquet");

        var error = Assert.Throws<DataException>(() => ParquetFile.Open(path));

        Assert.Contains("absent.parquet", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Flipped_page_bytes_are_caught_by_the_writers_page_checksums()
    {
        byte[] bytes = File.ReadAllBytes(Fixture("sparkrecs-writer.parquet"));
        bytes[200] ^= 0x5A;
        string path = Write("flipped.parquet", bytes);
        using ParquetFile file = ParquetFile.Open(path);

        var error = Assert.Throws<ParquetFormatException>(() => ReadEverything(file));

        Assert.Equal(ParquetProblem.Corrupt, error.Problem);
        Assert.Contains("CRC", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Random damage to the data region of files from every fixture writer: only typed errors may escape.</summary>
    [Theory]
    [InlineData("arrow-rs-snappy-v1-dictionary.parquet")]
    [InlineData("arrow-rs-gzip-v2-delta.parquet")]
    [InlineData("duckdb-gzip-v2.parquet")]
    [InlineData("hyparquet-snappy.parquet")]
    public void Random_byte_damage_yields_only_typed_errors(string fixture)
    {
        byte[] original = File.ReadAllBytes(Fixture(fixture));
        int footerLength = BitConverter.ToInt32(original, original.Length - 8);
        int dataEnd = original.Length - 8 - footerLength;
        var random = new Random(20240330);
        for (int trial = 0; trial < 60; trial++)
        {
            byte[] damaged = (byte[])original.Clone();
            for (int k = 0; k < 1 + (trial % 4); k++)
            {
                damaged[random.Next(4, dataEnd)] = (byte)random.Next(256);
            }

            string path = Write($"damaged-{trial}.parquet", damaged);
            try
            {
                using ParquetFile file = ParquetFile.Open(path);
                ReadEverything(file);
            }
            catch (ParquetFormatException)
            {
                // Refused by name: the required outcome for damage the format can detect.
            }
        }
    }

    private static void ReadEverything(ParquetFile file)
    {
        for (int g = 0; g < file.RowGroups.Count; g++)
        {
            for (int c = 0; c < file.Columns.Count; c++)
            {
                file.ReadColumn(g, c);
            }
        }
    }

    private static string Fixture(string name) => Path.Combine(EventsTable.FixtureFolder, name);

    private string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
