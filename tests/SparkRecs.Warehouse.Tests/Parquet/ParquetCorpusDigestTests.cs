using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SparkRecs.Warehouse.Parquet;
using Xunit.Abstractions;

namespace SparkRecs.Warehouse.Tests.Parquet;

/// <summary>
/// Every flat corpus column SparkRecs reads must hold exactly the values DuckDB reads from it: both sides
/// render the values in the canonical text form described in Fixtures/parquet/corpus-digests.mjs and compare
/// SHA-256 digests (recorded in corpus-duckdb-digests.json by that script).
/// </summary>
public sealed class ParquetCorpusDigestTests(ITestOutputHelper output)
{
    [ParquetTestingFact]
    public void Every_readable_corpus_column_matches_duckdb_value_for_value()
    {
        string root = ParquetTestingFactAttribute.Folder;
        using JsonDocument digests = JsonDocument.Parse(File.ReadAllText(Path.Combine(EventsTable.FixtureFolder, "corpus-duckdb-digests.json")));
        var mismatches = new List<string>();
        int compared = 0;
        foreach (IGrouping<string, JsonElement> byFile in digests.RootElement.EnumerateArray().GroupBy(e => e.GetProperty("file").GetString()!))
        {
            if (byFile.Key == "int96_from_spark.parquet")
            {
                // DuckDB overflows the year-290000 instant (-7207070780300583 ms: it combines the INT96 day and time in 64-bit
                // nanoseconds); the corpus' .md gives the Spark values, checked in ParquetCorpusValueTests.
                continue;
            }

            ParquetFile file;
            try
            {
                file = ParquetFile.Open(Path.Combine(root, byFile.Key));
            }
            catch (ParquetFormatException)
            {
                continue;
            }

            using (file)
            {
                foreach (JsonElement entry in byFile)
                {
                    string name = entry.GetProperty("column").GetString()!;
                    if (!file.TryGetColumn(name, out ParquetColumnSchema column) || !column.IsSupported || !CanRead(file, column))
                    {
                        continue;
                    }

                    List<string> values = Canonical(file, column);
                    string digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', values))));
                    compared++;
                    if (values.Count != entry.GetProperty("rows").GetInt32() || digest != entry.GetProperty("sha256").GetString())
                    {
                        mismatches.Add($"{byFile.Key} / {name} ({entry.GetProperty("duckdbType").GetString()}): {values.Count} rows, first values {string.Join(", ", values.Take(4))}");
                    }
                }
            }
        }

        output.WriteLine($"{compared} corpus columns compared with DuckDB, {mismatches.Count} mismatches");
        Assert.True(compared > 150, $"only {compared} columns compared");
        Assert.True(mismatches.Count == 0, string.Join(Environment.NewLine, mismatches));
    }

    private static bool CanRead(ParquetFile file, ParquetColumnSchema column)
    {
        try
        {
            for (int g = 0; g < file.RowGroups.Count; g++)
            {
                file.ReadColumn(g, column.Index);
            }

            return true;
        }
        catch (ParquetFormatException)
        {
            return false;
        }
    }

    private static List<string> Canonical(ParquetFile file, ParquetColumnSchema schema)
    {
        var text = new List<string>();
        for (int g = 0; g < file.RowGroups.Count; g++)
        {
            ParquetColumn column = file.ReadColumn(g, schema.Index);
            for (int i = 0; i < column.Length; i++)
            {
                text.Add(column.IsNull(i) ? "null" : column.Kind switch
                {
                    ParquetValueKind.Int32 or ParquetValueKind.Date => column.Int32s[i].ToString(CultureInfo.InvariantCulture),
                    ParquetValueKind.Int64 or ParquetValueKind.TimestampMillis => column.Int64s[i].ToString(CultureInfo.InvariantCulture),
                    ParquetValueKind.UInt64 => ((ulong)column.Int64s[i]).ToString(CultureInfo.InvariantCulture),
                    ParquetValueKind.Float => Bits(column.Floats[i]),
                    ParquetValueKind.Double => Bits(column.Doubles[i]),
                    ParquetValueKind.Boolean => column.Booleans[i] ? "true" : "false",
                    ParquetValueKind.String => Encoding.UTF8.GetString(column.GetBytes(i)),
                    _ => Convert.ToHexString(column.GetBytes(i)),
                });
            }
        }

        return text;
    }

    private static string Bits(double value) =>
        double.IsNaN(value) ? "NaN" : BitConverter.DoubleToUInt64Bits(value).ToString("X16", CultureInfo.InvariantCulture);
}
