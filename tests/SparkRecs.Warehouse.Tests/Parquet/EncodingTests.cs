using System.Buffers;
using SparkRecs.Warehouse.Parquet.Encodings;
using SparkRecs.Warehouse.Parquet.Thrift;

namespace SparkRecs.Warehouse.Tests.Parquet;

/// <summary>The low-level codecs against hand-built streams from the specification and against each other.</summary>
public sealed class EncodingTests
{
    [Fact]
    public void Rle_hybrid_round_trips_every_bit_width_and_length()
    {
        var random = new Random(7);
        for (int bitWidth = 1; bitWidth <= 32; bitWidth++)
        {
            foreach (int length in new[] { 0, 1, 7, 8, 9, 63, 64, 65, 1000 })
            {
                int[] values = new int[length];
                for (int i = 0; i < length; i++)
                {
                    // Mix runs (RLE) and noise (bit-packed).
                    int max = bitWidth == 32 ? int.MaxValue : (1 << bitWidth) - 1;
                    values[i] = (i / 17) % 2 == 0 ? max : random.Next(0, max);
                }

                var output = new ArrayBufferWriter<byte>();
                RleHybridEncoder.Encode(values, bitWidth, output);
                int[] decoded = new int[length];
                new RleBitPackedDecoder(output.WrittenSpan, bitWidth).Read(decoded);

                Assert.True(values.AsSpan().SequenceEqual(decoded), $"bit width {bitWidth}, length {length}");
            }
        }
    }

    [Fact]
    public void Rle_run_and_bit_packed_run_decode_as_the_spec_example()
    {
        // RLE run: header 8<<1 = 16, value 3 in one byte; bit-packed run: header (1<<1)|1 = 3, values 0..7 at 3 bits.
        byte[] stream = [16, 3, 3, 0b10001000, 0b11000110, 0b11111010];
        int[] decoded = new int[16];

        new RleBitPackedDecoder(stream, 3).Read(decoded);

        Assert.Equal([3, 3, 3, 3, 3, 3, 3, 3, 0, 1, 2, 3, 4, 5, 6, 7], decoded);
    }

    [Fact]
    public void Rle_stream_that_ends_early_is_invalid_data()
    {
        byte[] stream = [4, 1];

        Assert.Throws<InvalidDataException>(() => new RleBitPackedDecoder(stream, 1).Read(new int[5]));
    }

    [Fact]
    public void Delta_binary_packed_decodes_a_hand_built_block()
    {
        // Block size 128, 4 miniblocks, 5 values, first value 7 (zigzag 14); deltas 1, -2, 3, 0 -> min delta -2
        // (zigzag 3), relative deltas 3, 0, 5, 2 packed at 3 bits in miniblock 0 (32 values * 3 bits = 12 bytes).
        var stream = new List<byte> { 0x80, 0x01, 4, 5, 14, 3, 3, 0, 0, 0 };
        byte[] packed = new byte[12];
        int[] relative = [3, 0, 5, 2];
        for (int i = 0; i < relative.Length; i++)
        {
            for (int b = 0; b < 3; b++)
            {
                int bit = (i * 3) + b;
                packed[bit / 8] |= (byte)(((relative[i] >> b) & 1) << (bit % 8));
            }
        }

        stream.AddRange(packed);
        long[] values = new long[5];

        int consumed = DeltaBinaryPackedDecoder.Decode(stream.ToArray(), values, out int count);

        Assert.Equal(5, count);
        Assert.Equal([7L, 8, 6, 9, 9], values);
        Assert.Equal(stream.Count, consumed);
    }

    [Fact]
    public void Crc32_matches_the_standard_check_value()
    {
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));
    }

    [Fact]
    public void Byte_stream_split_interleaves_the_byte_streams_back()
    {
        byte[] split = [1, 2, 3, 10, 20, 30];
        byte[] joined = new byte[6];

        ByteStreamSplitDecoder.Decode(split, 2, 3, joined);

        Assert.Equal([1, 10, 2, 20, 3, 30], joined);
    }

    [Fact]
    public void Thrift_compact_fields_round_trip_with_long_id_jumps_and_skipped_structs()
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new CompactWriter(buffer);
        short last = 0;
        writer.WriteI32Field(ref last, 1, -123456);
        writer.BeginStructField(ref last, 2);
        short inner = 0;
        writer.WriteStringField(ref inner, 1, "skipped");
        writer.WriteStop();
        writer.WriteI64Field(ref last, 40, long.MinValue);
        writer.WriteBoolField(ref last, 41, true);
        writer.WriteStop();

        var reader = new CompactReader(buffer.WrittenSpan);
        short id = 0;
        Assert.True(reader.ReadFieldHeader(ref id, out CompactType t1, out short f1));
        Assert.Equal((CompactType.I32, (short)1, -123456), (t1, f1, reader.ReadI32()));
        Assert.True(reader.ReadFieldHeader(ref id, out CompactType t2, out _));
        reader.Skip(t2);
        Assert.True(reader.ReadFieldHeader(ref id, out CompactType t3, out short f3));
        Assert.Equal((CompactType.I64, (short)40, long.MinValue), (t3, f3, reader.ReadI64()));
        Assert.True(reader.ReadFieldHeader(ref id, out CompactType t4, out short f4));
        Assert.True(CompactReader.BooleanOf(t4) && f4 == 41);
        Assert.False(reader.ReadFieldHeader(ref id, out _, out _));
        Assert.Equal(buffer.WrittenCount, reader.Position);
    }

    [Fact]
    public void Thrift_structure_past_its_buffer_is_invalid_data()
    {
        byte[] truncated = [0x15];

        Assert.Throws<InvalidDataException>(() =>
        {
            var reader = new CompactReader(truncated);
            short id = 0;
            reader.ReadFieldHeader(ref id, out _, out _);
            reader.ReadI32();
        });
    }
}
