using System.Buffers;
using System.Buffers.Binary;
using SparkRecs.Warehouse.Parquet;
using SparkRecs.Warehouse.Parquet.Encodings;
using SparkRecs.Warehouse.Parquet.Metadata;
using SparkRecs.Warehouse.Parquet.Reading;
using SparkRecs.Warehouse.Parquet.Writing;

namespace SparkRecs.Warehouse.Tests.Parquet;

/// <summary>Byte-array columns kept as dictionary + indices, and chunks whose writer fell back from dictionary to PLAIN.</summary>
public sealed class DictionaryColumnTests
{
    [Fact]
    public void Dictionary_encoded_strings_expose_distinct_values_and_per_row_indices()
    {
        using ParquetFile file = ParquetFile.Open(Path.Combine(EventsTable.FixtureFolder, "arrow-rs-snappy-v1-dictionary.parquet"));

        ParquetColumn types = file.ReadColumn(0, "event_type");

        Assert.True(types.IsDictionaryEncoded);
        Assert.InRange(types.Dictionary!.Length, 1, 4);
        for (int i = 0; i < types.Length; i++)
        {
            Assert.True(types.GetBytes(i).SequenceEqual(types.Dictionary.GetBytes(types.DictionaryIndices[i])));
        }
    }

    [Fact]
    public void Flat_form_of_a_dictionary_column_equals_its_values()
    {
        using ParquetFile file = ParquetFile.Open(Path.Combine(EventsTable.FixtureFolder, "hyparquet-snappy.parquet"));
        ParquetColumn users = file.ReadColumn(0, "user_id");
        Assert.True(users.IsDictionaryEncoded);

        ReadOnlySpan<int> offsets = users.Offsets;
        ReadOnlySpan<byte> data = users.Data;

        for (int i = 0; i < users.Length; i++)
        {
            Assert.True(data[offsets[i]..offsets[i + 1]].SequenceEqual(users.GetBytes(i)));
        }
    }

    [Fact]
    public void Chunk_that_falls_back_from_dictionary_to_plain_keeps_every_value_and_null()
    {
        // Page 1: dictionary-encoded ["b", null, "a"]; page 2: PLAIN [null, "c"], as writers emit when a dictionary overflows.
        var chunk = new ArrayBufferWriter<byte>();
        WritePage(chunk, dictionary: true, numValues: 2, encoding: 0, body: Plain("a", "b"));
        var page1 = new ArrayBufferWriter<byte>();
        Levels(page1, [1, 0, 1]);
        page1.Write<byte>([1]);
        RleHybridEncoder.Encode([1, 0], 1, page1);
        WritePage(chunk, dictionary: false, numValues: 3, encoding: 8, body: page1.WrittenSpan.ToArray());
        var page2 = new ArrayBufferWriter<byte>();
        Levels(page2, [0, 1]);
        page2.Write(Plain("c"));
        WritePage(chunk, dictionary: false, numValues: 2, encoding: 0, body: page2.WrittenSpan.ToArray());
        var element = new SchemaElement { Name = "s", Type = ParquetPhysicalType.ByteArray, Repetition = 1, ConvertedType = 0 };
        ColumnDescriptor column = SchemaResolver.Resolve([new SchemaElement { Name = "root", NumChildren = 1 }, element])[0];

        ColumnBuffer buffer = new ColumnChunkReader(column, codec: 0, uncompressedChunkSize: chunk.WrittenCount).Read(chunk.WrittenSpan.ToArray(), chunk.WrittenCount, 5);
        ParquetColumn result = ColumnConverter.ToColumn(column.Schema, buffer);

        Assert.False(result.IsDictionaryEncoded);
        Assert.Equal(["b", null, "a", null, "c"], Enumerable.Range(0, 5).Select(result.GetString));
    }

    private static void WritePage(ArrayBufferWriter<byte> chunk, bool dictionary, int numValues, int encoding, byte[] body)
    {
        FooterEncoder.WritePageHeader(chunk, dictionary, body.Length, body.Length, unchecked((int)Crc32.Compute(body)), numValues, encoding);
        chunk.Write(body);
    }

    private static void Levels(ArrayBufferWriter<byte> page, int[] levels)
    {
        var encoded = new ArrayBufferWriter<byte>();
        RleHybridEncoder.Encode(levels, 1, encoded);
        byte[] length = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, encoded.WrittenCount);
        page.Write(length);
        page.Write(encoded.WrittenSpan);
    }

    private static byte[] Plain(params string[] values)
    {
        var output = new List<byte>();
        foreach (string value in values)
        {
            byte[] bytes = System.Text.Encoding.UTF8.GetBytes(value);
            output.AddRange(BitConverter.GetBytes(bytes.Length));
            output.AddRange(bytes);
        }

        return [.. output];
    }
}
