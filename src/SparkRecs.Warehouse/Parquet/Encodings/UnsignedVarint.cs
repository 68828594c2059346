using System.Buffers;

namespace SparkRecs.Warehouse.Parquet.Encodings;

/// <summary>
/// ULEB128, the unsigned variable-length integer of both the Thrift compact protocol (field ids,
/// lengths, zigzag integers) and the RLE / bit-packing hybrid's run headers: seven bits per byte,
/// least significant group first, the high bit set on every byte but the last.
/// </summary>
internal static class UnsignedVarint
{
    /// <summary>Appends <paramref name="value"/> (at most 10 bytes) to <paramref name="output"/>.</summary>
    public static void Write(ulong value, IBufferWriter<byte> output)
    {
        Span<byte> buffer = output.GetSpan(10);
        int n = 0;
        while (value >= 0x80)
        {
            buffer[n++] = (byte)(value | 0x80);
            value >>= 7;
        }

        buffer[n++] = (byte)value;
        output.Advance(n);
    }
}
