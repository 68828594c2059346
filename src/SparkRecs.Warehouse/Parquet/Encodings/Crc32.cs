namespace SparkRecs.Warehouse.Parquet.Encodings;

/// <summary>
/// CRC-32 (ISO-HDLC / zlib: reflected polynomial 0xEDB88320, initial value and final xor 0xFFFFFFFF),
/// the checksum Parquet page headers carry over the page bytes as stored. Slicing-by-one with a
/// 256-entry table built from the polynomial.
/// </summary>
internal static class Crc32
{
    private static readonly uint[] Table = BuildTable();

    public static uint Compute(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFFu;
        uint[] table = Table;
        foreach (byte b in data)
        {
            crc = table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc ^ 0xFFFFFFFFu;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
