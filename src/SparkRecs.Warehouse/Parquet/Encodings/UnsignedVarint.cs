using System.Buffers;

namespace SparkRecs.Warehouse.Parquet.Encodings;

/// <summary>
/// ULEB128, the unsigned variable-length integer of both the Thrift compact protocol (field ids,
/// lengths, zigzag integers) and the RLE / bit-packing hybrid's run headers: seven bits per byte,
/// least significant group first, the high bit set on every byte but the last.
/// </summary>
internal static class UnsignedVarint
{
    /// <summary>What <see cref="TryRead"/> found.</summary>
    public enum ReadStatus
    {
        /// <summary>A whole value was read.</summary>
        Read,

        /// <summary>The data ended inside the value.</summary>
        Truncated,

        /// <summary>More than 10 bytes: not a 64-bit value.</summary>
        TooLong,
    }

    /// <summary>
    /// Reads one value starting at <paramref name="position"/> and moves it past the bytes read.
    /// Callers turn a status other than <see cref="ReadStatus.Read"/> into their own error, naming
    /// the structure (a Thrift header, a data page) the value belonged to.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static ReadStatus TryRead(ReadOnlySpan<byte> data, ref int position, out ulong value)
    {
        value = 0;
        for (int shift = 0; shift < 70; shift += 7)
        {
            if (position >= data.Length)
            {
                return ReadStatus.Truncated;
            }

            byte b = data[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return ReadStatus.Read;
            }
        }

        return ReadStatus.TooLong;
    }

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
