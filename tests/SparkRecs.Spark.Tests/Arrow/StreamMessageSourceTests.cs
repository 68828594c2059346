using System.Text.Json;
using SparkRecs.Spark.Arrow;
using SparkRecs.Spark.Arrow.Ipc;
using SparkRecs.Spark.Tests.Arrow.Support;

namespace SparkRecs.Spark.Tests.Arrow;

/// <summary>Reading from a <see cref="Stream"/>: blocks grow as bytes arrive, so damaged lengths cost no large allocation.</summary>
public sealed class StreamMessageSourceTests
{
    public static TheoryData<string> SupportedNames => ArrowFixtures.Names(ArrowFixtures.Supported);

    [Theory]
    [MemberData(nameof(SupportedNames))]
    public void Blocks_grown_from_a_tiny_first_allocation_decode_the_same_values(string name)
    {
        JsonElement[] expected = [.. ArrowFixtures.Expected(name).GetProperty("batches").EnumerateArray()];
        var reader = new ArrowStreamReader(new StreamMessageSource(new TrickleStream(ArrowFixtures.Bytes(name), maxChunk: 3), initialChunk: 8), name);

        IReadOnlyList<ArrowRecordBatch> batches = reader.ReadAllBatches();

        Assert.Equal(expected.Length, batches.Count);
        for (int i = 0; i < expected.Length; i++)
        {
            ExpectedValues.AssertBatch(expected[i], batches[i]);
        }
    }

    [Fact]
    public void A_huge_damaged_body_length_fails_as_truncation_without_allocating_it()
    {
        byte[] bytes = ArrowFixtures.Bytes("primitives");
        IpcLayout.Message batch = IpcLayout.Of(bytes).Messages[1];
        byte[] pattern = BitConverter.GetBytes((long)batch.BodyLength);
        Span<byte> metadata = bytes.AsSpan(batch.MetadataStart, batch.MetadataLength);
        int at = metadata.IndexOf(pattern);
        Assert.True(at >= 0 && metadata[(at + 1)..].IndexOf(pattern) < 0, "the body length should appear once in the metadata");
        BitConverter.TryWriteBytes(metadata[at..], 1_900_000_000L);

        long before = GC.GetAllocatedBytesForCurrentThread();
        ArrowFormatException ex = Assert.Throws<ArrowFormatException>(() => new ArrowStreamReader(new TrickleStream(bytes)).ReadAllBatches());
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(1, ex.MessageIndex);
        Assert.Contains("ends inside the 1900000000-byte body", ex.Detail);
        Assert.True(allocated < 8 << 20, $"allocated {allocated} bytes");
    }
}
