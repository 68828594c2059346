using System.Buffers.Binary;
using System.Globalization;
using SparkRecs.Warehouse.Parquet;

namespace SparkRecs.Warehouse.Tests.Parquet;

/// <summary>
/// Values read from the parquet-testing corpus against the expectations it ships (<c>*_expect.csv</c>, the
/// <c>.md</c> descriptions) and, where it ships none, against DuckDB's reading of the same file (noted per test).
/// </summary>
public sealed class ParquetCorpusValueTests
{
    private static string Corpus(string name) => Path.Combine(ParquetTestingFactAttribute.Folder, name);

    [ParquetTestingFact]
    public void Delta_encoded_files_match_their_expect_csv()
    {
        foreach (string name in new[] { "delta_binary_packed", "delta_byte_array", "delta_encoding_optional_column", "delta_encoding_required_column" })
        {
            (string[] header, List<string[]> rows) = CorpusCsv.Read(Corpus(name + "_expect.csv"));
            using ParquetFile file = ParquetFile.Open(Corpus(name + ".parquet"));
            Assert.Equal(rows.Count, file.RowCount);
            Assert.Equal(header.Length, file.Columns.Count);
            for (int c = 0; c < header.Length; c++)
            {
                // Columns are matched by position: the required-column file names its fields "c_customer_sk:" etc.
                Assert.StartsWith(header[c], file.Columns[c].Name, StringComparison.Ordinal);
                List<string> actual = ReadAsText(file, file.Columns[c].Name);
                for (int r = 0; r < rows.Count; r++)
                {
                    Assert.True(rows[r][c] == actual[r], $"{name}: column {header[c]} row {r}: expected '{rows[r][c]}', got '{actual[r]}'");
                }
            }
        }
    }

    [ParquetTestingFact]
    public void Int96_spark_timestamps_match_the_microseconds_in_the_description()
    {
        long?[] micros = [1704141296123456, 1704070800000000, 253402225200000000, 1735599600000000, null, 9089380393200000000];
        using ParquetFile file = ParquetFile.Open(Corpus("int96_from_spark.parquet"));

        ParquetColumn column = file.ReadColumn(0, "a");

        Assert.Equal(ParquetValueKind.TimestampMillis, column.Kind);
        for (int i = 0; i < micros.Length; i++)
        {
            Assert.Equal(micros[i] is null, column.IsNull(i));
            Assert.Equal(micros[i] is { } us ? Math.DivRem(us, 1000).Quotient : 0, column.Int64s[i]);
        }
    }

    [ParquetTestingFact]
    public void Fixed_length_byte_array_holds_descending_values_with_the_documented_nulls()
    {
        using ParquetFile file = ParquetFile.Open(Corpus("fixed_length_byte_array.parquet"));

        ParquetColumn column = file.ReadColumn(0, "flba_field");

        Assert.Equal(1000, column.Length);
        Assert.Equal(9 + 9 + 19 + 10 + 13 + 11 + 11 + 8 + 9 + 6, column.NullCount);
        int previous = int.MaxValue;
        for (int i = 0; i < column.Length; i++)
        {
            if (!column.IsNull(i))
            {
                int value = BinaryPrimitives.ReadInt32BigEndian(column.GetBytes(i));
                Assert.InRange(value, 1, previous - 1);
                previous = value;
            }
        }
    }

    /// <summary>Expected values as DuckDB reads them (the corpus ships no expectation for this file).</summary>
    [ParquetTestingFact]
    public void Alltypes_plain_matches_duckdb_including_int96_timestamps()
    {
        using ParquetFile file = ParquetFile.Open(Corpus("alltypes_plain.parquet"));

        Assert.Equal([4, 5, 6, 7, 2, 3, 0, 1], file.ReadColumn(0, "id").Int32s.ToArray());
        Assert.Equal([true, false, true, false, true, false, true, false], file.ReadColumn(0, "bool_col").Booleans.ToArray());
        Assert.Equal([0, 10, 0, 10, 0, 10, 0, 10], file.ReadColumn(0, "bigint_col").Int64s.ToArray());
        Assert.Equal([0, 10.1, 0, 10.1, 0, 10.1, 0, 10.1], file.ReadColumn(0, "double_col").Doubles.ToArray());
        Assert.Equal("03/01/09", file.ReadColumn(0, "date_string_col").GetString(0));
        Assert.Equal(
            [1235865600000, 1235865660000, 1238544000000, 1238544060000, 1233446400000, 1233446460000, 1230768000000, 1230768060000],
            file.ReadColumn(0, "timestamp_col").Int64s.ToArray());
    }

    [ParquetTestingFact]
    public void Byte_stream_split_columns_equal_their_plain_twins()
    {
        using ParquetFile file = ParquetFile.Open(Corpus("byte_stream_split_extended.gzip.parquet"));
        foreach (string stem in new[] { "float16", "float", "double", "int32", "int64", "flba5", "decimal" })
        {
            List<string> plain = ReadAsText(file, stem + "_plain");
            List<string> split = ReadAsText(file, stem + "_byte_stream_split");
            Assert.Equal(plain, split);
            Assert.Contains(plain, v => v.Length > 0);
        }
    }

    [ParquetTestingFact]
    public void Decimals_stored_as_int32_int64_fixed_and_variable_bytes_all_read_as_one_to_twenty_four()
    {
        double[] expected = [.. Enumerable.Range(1, 24).Select(i => (double)i)];
        foreach (string name in new[] { "int32_decimal", "int64_decimal", "fixed_length_decimal", "fixed_length_decimal_legacy", "byte_array_decimal" })
        {
            using ParquetFile file = ParquetFile.Open(Corpus(name + ".parquet"));
            Assert.Equal(expected, file.ReadColumn(0, "value").Doubles.ToArray());
        }
    }

    /// <summary>Expected values as DuckDB reads them.</summary>
    [ParquetTestingFact]
    public void Float16_widens_to_float_with_nulls_and_nans()
    {
        using ParquetFile file = ParquetFile.Open(Corpus("float16_nonzeros_and_nans.parquet"));

        ParquetColumn x = file.ReadColumn(0, "x");

        Assert.True(x.IsNull(0));
        Assert.Equal([0f, 1f, -2f], x.Floats[..3].ToArray());
        Assert.True(float.IsNaN(x.Floats[3]));
        Assert.Equal([0f, -1f, 0f, 2f], x.Floats[4..].ToArray());
    }

    /// <summary>DuckDB counts 725 non-null values of 1000.</summary>
    [ParquetTestingFact]
    public void Int32_with_null_pages_counts_the_nulls_duckdb_counts()
    {
        using ParquetFile file = ParquetFile.Open(Corpus("int32_with_null_pages.parquet"));

        Assert.Equal(275, file.ReadColumn(0, "int32_field").NullCount);
    }

    [ParquetTestingFact]
    public void Checksummed_pages_read_identically_compressed_or_not()
    {
        using ParquetFile plain = ParquetFile.Open(Corpus("datapage_v1-uncompressed-checksum.parquet"));
        using ParquetFile snappy = ParquetFile.Open(Corpus("datapage_v1-snappy-compressed-checksum.parquet"));

        Assert.Equal(plain.ReadColumn(0, "a").Int32s.ToArray(), snappy.ReadColumn(0, "a").Int32s.ToArray());
        Assert.Equal(plain.ReadColumn(0, "b").Int32s.ToArray(), snappy.ReadColumn(0, "b").Int32s.ToArray());
    }

    [ParquetTestingFact]
    public void Corrupt_page_checksums_are_refused_as_corrupt_naming_file_and_column()
    {
        foreach ((string name, string column) in new[] { ("datapage_v1-corrupt-checksum.parquet", "a"), ("rle-dict-uncompressed-corrupt-checksum.parquet", "long_field") })
        {
            using ParquetFile file = ParquetFile.Open(Corpus(name));

            var error = Assert.Throws<ParquetFormatException>(() => file.ReadColumn(0, column));

            Assert.Equal(ParquetProblem.Corrupt, error.Problem);
            Assert.Contains(name, error.Message, StringComparison.Ordinal);
            Assert.Contains($"'{column}'", error.Message, StringComparison.Ordinal);
            Assert.Contains("CRC", error.Message, StringComparison.Ordinal);
            Assert.Equal(3, error.ExitCode);
        }
    }

    [ParquetTestingFact]
    public void Unsupported_codecs_and_nesting_are_refused_naming_the_feature()
    {
        using ParquetFile zstd = ParquetFile.Open(Corpus("delta_length_byte_array.parquet"));
        var codec = Assert.Throws<ParquetFormatException>(() => zstd.ReadColumn(0, 0));
        Assert.Equal(ParquetProblem.Unsupported, codec.Problem);
        Assert.Contains("ZSTD", codec.Message, StringComparison.Ordinal);

        using ParquetFile nested = ParquetFile.Open(Corpus("list_columns.parquet"));
        var list = Assert.Throws<ParquetFormatException>(() => nested.ReadColumn(0, 0));
        Assert.Contains("LIST", list.Message, StringComparison.Ordinal);

        var encrypted = Assert.Throws<ParquetFormatException>(() => ParquetFile.Open(Corpus("uniform_encryption.parquet.encrypted")));
        Assert.Contains("encrypt", encrypted.Message, StringComparison.Ordinal);
    }

    /// <summary>Renders a column as the corpus CSVs do: invariant numbers, UTF-8 text, empty for null.</summary>
    private static List<string> ReadAsText(ParquetFile file, string name)
    {
        var text = new List<string>();
        for (int g = 0; g < file.RowGroups.Count; g++)
        {
            ParquetColumn column = file.ReadColumn(g, name);
            for (int i = 0; i < column.Length; i++)
            {
                text.Add(column.IsNull(i) ? "" : column.Kind switch
                {
                    ParquetValueKind.Int32 or ParquetValueKind.Date => column.Int32s[i].ToString(CultureInfo.InvariantCulture),
                    ParquetValueKind.Int64 or ParquetValueKind.TimestampMillis => column.Int64s[i].ToString(CultureInfo.InvariantCulture),
                    ParquetValueKind.Float => column.Floats[i].ToString("R", CultureInfo.InvariantCulture),
                    ParquetValueKind.Double => column.Doubles[i].ToString("R", CultureInfo.InvariantCulture),
                    ParquetValueKind.Boolean => column.Booleans[i] ? "true" : "false",
                    ParquetValueKind.String => column.GetString(i)!,
                    _ => Convert.ToHexString(column.GetBytes(i)),
                });
            }
        }

        return text;
    }
}
