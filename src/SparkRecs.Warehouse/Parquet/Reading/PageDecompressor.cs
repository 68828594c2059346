using System.IO.Compression;

namespace SparkRecs.Warehouse.Parquet.Reading;

/// <summary>
/// Page codecs: UNCOMPRESSED, SNAPPY (raw Snappy blocks, no framing) and GZIP (RFC 1952, possibly several
/// concatenated members, which <see cref="GZipStream"/> reads in sequence). Other codec ids are refused by
/// <see cref="CodecName"/> / <see cref="IsSupported"/> before any page is touched.
/// </summary>
internal static class PageDecompressor
{
    public const int Uncompressed = 0;
    public const int Snappy = 1;
    public const int Gzip = 2;

    public static bool IsSupported(int codec) => codec is Uncompressed or Snappy or Gzip;

    public static string CodecName(int codec) => codec switch
    {
        0 => "UNCOMPRESSED",
        1 => "SNAPPY",
        2 => "GZIP",
        3 => "LZO",
        4 => "BROTLI",
        5 => "LZ4 (Hadoop framing)",
        6 => "ZSTD",
        7 => "LZ4_RAW",
        _ => $"codec #{codec}",
    };

    /// <summary>Decompresses <c>buffer[offset .. offset + length)</c>, which must expand to exactly <paramref name="expectedLength"/> bytes.</summary>
    public static ReadOnlySpan<byte> Decompress(int codec, byte[] buffer, int offset, int length, int expectedLength)
    {
        ReadOnlySpan<byte> compressed = buffer.AsSpan(offset, length);
        if (codec == Uncompressed || (expectedLength == 0 && compressed.Length == 0))
        {
            return compressed;
        }

        byte[] output;
        if (codec == Snappy)
        {
            // A Snappy block starts with its uncompressed length; checking it first keeps a damaged header
            // from driving a huge allocation inside the decoder.
            int declared = SnappyDeclaredLength(compressed);
            if (declared != expectedLength)
            {
                throw new InvalidDataException($"snappy block declares {declared} bytes where the page header declares {expectedLength}");
            }

            try
            {
                output = IronSnappy.Snappy.Decode(compressed);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                throw new InvalidDataException($"snappy data does not decode ({e.Message})", e);
            }
        }
        else
        {
            output = new byte[expectedLength];
            using var source = new MemoryStream(buffer, offset, length, writable: false);
            using var gzip = new GZipStream(source, CompressionMode.Decompress);
            int total = 0;
            int read;
            while (total < output.Length && (read = gzip.Read(output, total, output.Length - total)) > 0)
            {
                total += read;
            }

            if (total != expectedLength || gzip.Read(new byte[1], 0, 1) != 0)
            {
                throw new InvalidDataException($"gzip page expands to a size other than the declared {expectedLength} bytes");
            }
        }

        if (output.Length != expectedLength)
        {
            throw new InvalidDataException($"page expands to {output.Length} bytes where the header declares {expectedLength}");
        }

        return output;
    }

    private static int SnappyDeclaredLength(ReadOnlySpan<byte> compressed)
    {
        ulong length = 0;
        for (int i = 0, shift = 0; i < compressed.Length && shift < 35; i++, shift += 7)
        {
            length |= (ulong)(compressed[i] & 0x7F) << shift;
            if ((compressed[i] & 0x80) == 0)
            {
                return length > int.MaxValue ? -1 : (int)length;
            }
        }

        return -1;
    }
}
