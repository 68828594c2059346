using System.Text.Json;
using SparkRecs.Spark.Arrow;
using SparkRecs.Spark.Tests.Arrow.Support;

namespace SparkRecs.Spark.Tests.Arrow;

/// <summary>
/// Damaged input only ever yields a typed error or a correct prefix: streams cut at every byte, message
/// lengths replaced, random bytes overwritten. Never an IndexOutOfRangeException, never wrong values.
/// </summary>
public sealed class ArrowStreamReaderTruncationTests
{
    public static TheoryData<string, Input> SupportedFixtures => StreamRead.WithInputs(ArrowFixtures.Supported);

    public static TheoryData<string> SupportedNames => ArrowFixtures.Names(ArrowFixtures.Supported);

    [Theory]
    [MemberData(nameof(SupportedFixtures))]
    public void Cut_at_a_message_boundary_reads_the_batches_before_it_and_anywhere_else_fails_typed(string name, Input input)
    {
        byte[] bytes = ArrowFixtures.Bytes(name);
        JsonElement[] expected = [.. ArrowFixtures.Expected(name).GetProperty("batches").EnumerateArray()];
        IpcLayout layout = IpcLayout.Of(bytes);
        var batchesBefore = new Dictionary<int, int>();
        int batchCount = 0;
        foreach (IpcLayout.Message message in layout.Messages)
        {
            batchCount += message.HeaderType == 3 ? 1 : 0;
            batchesBefore[message.End] = batchCount;
        }

        for (int cut = 0; cut < bytes.Length; cut++)
        {
            byte[] prefix = bytes[..cut];
            if (batchesBefore.TryGetValue(cut, out int count))
            {
                (ArrowStreamReader reader, IReadOnlyList<ArrowRecordBatch> batches) = StreamRead.All(prefix, input);
                Assert.False(reader.EndMarkerSeen);
                Assert.Equal(count, batches.Count);
                for (int i = 0; i < count; i++)
                {
                    ExpectedValues.AssertBatch(expected[i], batches[i]);
                }
            }
            else
            {
                ArrowFormatException ex = Assert.Throws<ArrowFormatException>(() => StreamRead.All(prefix, input));
                Assert.Equal(ArrowProblem.Corrupt, ex.Problem);
                Assert.NotNull(ex.MessageIndex);
            }
        }
    }

    [Theory]
    [MemberData(nameof(SupportedNames))]
    public void Bad_metadata_length_of_any_message_fails_typed_or_changes_nothing(string name)
    {
        byte[] original = ArrowFixtures.Bytes(name);
        JsonElement[] expected = [.. ArrowFixtures.Expected(name).GetProperty("batches").EnumerateArray()];
        IpcLayout layout = IpcLayout.Of(original);
        for (int m = 0; m < layout.Messages.Count; m++)
        {
            IpcLayout.Message message = layout.Messages[m];
            int lengthAt = message.MetadataStart - 4;
            foreach (int bad in new[] { int.MinValue, -2, 1, 7, message.MetadataLength + 8, message.MetadataLength - 8, 1 << 30, int.MaxValue })
            {
                byte[] bytes = (byte[])original.Clone();
                BitConverter.TryWriteBytes(bytes.AsSpan(lengthAt), bad);
                foreach (Input input in new[] { Input.Memory, Input.Stream })
                {
                    try
                    {
                        // A length that only moves padding (or swallows the end marker into the metadata)
                        // leaves a stream that still means the same thing; anything else must be refused.
                        IReadOnlyList<ArrowRecordBatch> batches = StreamRead.All(bytes, input).Batches;
                        Assert.Equal(expected.Length, batches.Count);
                        for (int i = 0; i < batches.Count; i++)
                        {
                            ExpectedValues.AssertBatch(expected[i], batches[i]);
                        }
                    }
                    catch (ArrowFormatException ex)
                    {
                        Assert.True(ex.MessageIndex >= m, $"length {bad} of message {m}: the error names message {ex.MessageIndex}");
                    }
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(SupportedNames))]
    public void Random_byte_damage_gives_a_typed_error_or_batches_that_are_safe_to_read(string name)
    {
        byte[] original = ArrowFixtures.Bytes(name);
        var random = new Random(20261123);
        int refused = 0;
        for (int trial = 0; trial < 400; trial++)
        {
            byte[] bytes = (byte[])original.Clone();
            int damaged = random.Next(1, 4);
            for (int i = 0; i < damaged; i++)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }

            try
            {
                var reader = new ArrowStreamReader(bytes.AsMemory());
                foreach (ArrowRecordBatch batch in reader.ReadAllBatches())
                {
                    ColumnWalker.Touch(batch);
                }
            }
            catch (ArrowFormatException)
            {
                refused++;
            }
        }

        Assert.InRange(refused, 1, 400);
    }
}
