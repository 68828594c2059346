using SparkRecs.Warehouse.Options;

namespace SparkRecs.Bench.ReaderRuns;

/// <summary>
/// The ingest configuration of a headerless <c>user \t item \t count</c> file (the synth-20M
/// workload) loaded as a plain matrix: format <c>tsv</c>, no header, columns <c>"0"</c>,
/// <c>"1"</c>, <c>"2"</c> for user, item and value, no timestamp column (every row gets time 0),
/// de-duplication and the bot rule off.
/// </summary>
/// <remarks>
/// The ingest still validates every field and maps every key to a dense id through the key index,
/// which pandas <c>read_csv</c> does not do, so a comparison with pandas is conservative for SparkRecs.
/// </remarks>
public static class PlainMatrixIngest
{
    /// <summary>The ingest options of a plain matrix load of <paramref name="file"/>.</summary>
    public static IngestOptions OptionsFor(string file) => new()
    {
        Format = "tsv",
        Path = file,
        HasHeader = false,
        Columns = new ColumnMapping { User = "0", Item = "1", Value = "2", Timestamp = "" },
        Dedupe = false,
        BotRule = new BotRuleOptions { Enabled = false },
    };
}
