namespace SparkRecs.Warehouse.Parquet.Encodings;

/// <summary>
/// Decoder of the RLE / bit-packing hybrid used for definition levels, dictionary indices and RLE booleans.
/// The stream is a sequence of runs, each introduced by a ULEB128 header h:
/// <list type="bullet">
/// <item>h even: an RLE run of h/2 copies of one value stored in ceil(w/8) little-endian bytes;</item>
/// <item>h odd: a bit-packed run of (h/2) groups of 8 values, w bits each, LSB first.</item>
/// </list>
/// </summary>
internal ref struct RleBitPackedDecoder
{
    private readonly int _bitWidth;
    private ByteCursor _cursor;
    private int _rleRemaining;
    private int _rleValue;
    private ReadOnlySpan<byte> _packed;
    private int _packedIndex;
    private int _packedCount;

    public RleBitPackedDecoder(ReadOnlySpan<byte> data, int bitWidth)
    {
        if (bitWidth is < 0 or > 32)
        {
            throw new InvalidDataException($"RLE bit width {bitWidth} out of range");
        }

        _bitWidth = bitWidth;
        _cursor = new ByteCursor(data);
        _rleRemaining = 0;
        _rleValue = 0;
        _packed = default;
        _packedIndex = 0;
        _packedCount = 0;
    }

    /// <summary>Fills <paramref name="destination"/> completely; throws when the stream ends first.</summary>
    public void Read(Span<int> destination)
    {
        int filled = 0;
        while (filled < destination.Length)
        {
            if (_rleRemaining > 0)
            {
                int n = Math.Min(_rleRemaining, destination.Length - filled);
                destination.Slice(filled, n).Fill(_rleValue);
                _rleRemaining -= n;
                filled += n;
            }
            else if (_packedIndex < _packedCount)
            {
                int n = Math.Min(_packedCount - _packedIndex, destination.Length - filled);
                BitUnpacker.Unpack32(_packed, (long)_packedIndex * _bitWidth, _bitWidth, destination.Slice(filled, n));
                _packedIndex += n;
                filled += n;
            }
            else
            {
                NextRun();
            }
        }
    }

    private void NextRun()
    {
        if (_cursor.Remaining <= 0)
        {
            throw new InvalidDataException("RLE/bit-packed data ends before all values were read");
        }

        ulong header = _cursor.ReadUleb128();
        if ((header & 1) == 0)
        {
            ulong count = header >> 1;
            if (count > int.MaxValue)
            {
                throw new InvalidDataException("RLE run length out of range");
            }

            int valueBytes = (_bitWidth + 7) / 8;
            ReadOnlySpan<byte> raw = _cursor.Take(valueBytes);
            int value = 0;
            for (int i = 0; i < valueBytes; i++)
            {
                value |= raw[i] << (8 * i);
            }

            _rleValue = value;
            _rleRemaining = (int)count;
        }
        else
        {
            ulong groups = header >> 1;
            if (groups > (ulong)(int.MaxValue / 8 / Math.Max(1, _bitWidth)))
            {
                throw new InvalidDataException("bit-packed run length out of range");
            }

            int byteCount = (int)groups * _bitWidth;

            // Some writers stop the final run at the last byte that holds a real value; accept the
            // shorter tail but never invent values beyond the bytes present.
            int available = Math.Min(byteCount, _cursor.Remaining);
            _packed = _cursor.Take(available);
            _packedIndex = 0;
            _packedCount = _bitWidth == 0 ? (int)groups * 8 : (int)Math.Min((long)groups * 8, (long)available * 8 / _bitWidth);
        }
    }
}
