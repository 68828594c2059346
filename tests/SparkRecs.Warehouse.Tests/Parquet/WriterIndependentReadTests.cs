using SparkRecs.Warehouse.Parquet;

namespace SparkRecs.Warehouse.Tests.Parquet;

/// <summary>
/// sparkrecs-writer.parquet is what <see cref="ParquetWriter"/> makes of the fixture events; make-fixtures.mjs read
/// it with hyparquet and DuckDB and committed what they saw. These tests pin both ends: the writer still
/// produces exactly that file, and both independent readers saw exactly the events written.
/// Regenerate after a deliberate writer change: SPARKRECS_UPDATE_FIXTURES=1 dotnet test, then rerun the script.
/// </summary>
public sealed class WriterIndependentReadTests
{
    private static readonly string Folder = EventsTable.FixtureFolder;

    private static readonly ParquetWriterOptions FixtureOptions = new() { PageRows = 400, CreatedBy = "SparkRecs fixture" };

    [Fact]
    public void Writer_output_is_byte_identical_to_the_committed_fixture()
    {
        EventsTable events = EventsTable.FromCsv(Path.Combine(Folder, "events.expected.csv"));
        using var written = new MemoryStream();
        EventsWriter.Write(written, events, FixtureOptions, rowGroupSize: 700);
        string committed = Path.Combine(Folder, "sparkrecs-writer.parquet");
        if (Environment.GetEnvironmentVariable("SPARKRECS_UPDATE_FIXTURES") == "1")
        {
            File.WriteAllBytes(committed, written.ToArray());
        }

        Assert.Equal(File.ReadAllBytes(committed), written.ToArray());
    }

    [Theory]
    [InlineData("sparkrecs-writer.read-by-hyparquet.csv")]
    [InlineData("sparkrecs-writer.read-by-duckdb.csv")]
    public void Independent_reader_sees_the_events_the_writer_wrote(string readBack)
    {
        EventsTable expected = EventsTable.FromCsv(Path.Combine(Folder, "events.expected.csv"));

        EventsTable seen = EventsTable.FromCsv(Path.Combine(Folder, readBack));

        expected.AssertEqual(seen);
    }
}
