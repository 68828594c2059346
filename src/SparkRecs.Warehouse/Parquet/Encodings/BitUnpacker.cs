using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace SparkRecs.Warehouse.Parquet.Encodings;

/// <summary>
/// Unpacks little-endian, LSB-first bit-packed integers (the order used by the RLE/bit-packed hybrid and
/// by DELTA_BINARY_PACKED miniblocks): value i occupies bits [i*w, (i+1)*w) of the byte stream, bit 0
/// being the least significant bit of byte 0. Reads past the end of <c>source</c> see zero bytes, which
/// matches the zero padding writers add to the last group.
/// </summary>
internal static class BitUnpacker
{
    /// <summary>Unpacks <c>destination.Length</c> values of <paramref name="bitWidth"/> (0..32) bits starting at <paramref name="bitOffset"/>.</summary>
    public static void Unpack32(ReadOnlySpan<byte> source, long bitOffset, int bitWidth, Span<int> destination)
    {
        if (bitWidth == 0)
        {
            destination.Clear();
            return;
        }

        uint mask = bitWidth == 32 ? uint.MaxValue : (1u << bitWidth) - 1;
        long bit = bitOffset;
        for (int i = 0; i < destination.Length; i++)
        {
            int byteIndex = (int)(bit >> 3);
            ulong word = Load64(source, byteIndex) >> (int)(bit & 7);
            destination[i] = (int)((uint)word & mask);
            bit += bitWidth;
        }
    }

    /// <summary>Unpacks <c>destination.Length</c> values of <paramref name="bitWidth"/> (0..64) bits starting at <paramref name="bitOffset"/>.</summary>
    public static void Unpack64(ReadOnlySpan<byte> source, long bitOffset, int bitWidth, Span<long> destination)
    {
        if (bitWidth == 0)
        {
            destination.Clear();
            return;
        }

        ulong mask = bitWidth == 64 ? ulong.MaxValue : (1UL << bitWidth) - 1;
        long bit = bitOffset;
        for (int i = 0; i < destination.Length; i++)
        {
            int byteIndex = (int)(bit >> 3);
            int shift = (int)(bit & 7);
            ulong value = Load64(source, byteIndex) >> shift;
            if (shift + bitWidth > 64)
            {
                // A 64-bit value that does not start on a byte boundary spans nine bytes.
                value |= (ulong)LoadByte(source, byteIndex + 8) << (64 - shift);
            }

            destination[i] = (long)(value & mask);
            bit += bitWidth;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Load64(ReadOnlySpan<byte> source, int byteIndex)
    {
        if ((uint)byteIndex + 8 <= (uint)source.Length)
        {
            return BinaryPrimitives.ReadUInt64LittleEndian(source.Slice(byteIndex));
        }

        ulong word = 0;
        for (int k = 0; k < 8 && byteIndex + k < source.Length; k++)
        {
            word |= (ulong)source[byteIndex + k] << (8 * k);
        }

        return word;
    }

    private static byte LoadByte(ReadOnlySpan<byte> source, int index) => index < source.Length ? source[index] : (byte)0;
}
