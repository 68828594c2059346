namespace SparkRecs.Warehouse.Parquet.Encodings;

/// <summary>A forward reader of ULEB128 and zigzag varints over a page buffer (used by the RLE and delta encodings).</summary>
internal ref struct ByteCursor
{
    private readonly ReadOnlySpan<byte> _data;

    public ByteCursor(ReadOnlySpan<byte> data)
    {
        _data = data;
        Position = 0;
    }

    public int Position { get; set; }

    public readonly int Remaining => _data.Length - Position;

    public readonly ReadOnlySpan<byte> Rest => _data.Slice(Position);

    public ulong ReadUleb128()
    {
        int position = Position;
        var status = UnsignedVarint.TryRead(_data, ref position, out ulong result);
        Position = position;
        return status switch
        {
            UnsignedVarint.ReadStatus.Read => result,
            UnsignedVarint.ReadStatus.Truncated => throw new InvalidDataException("varint runs past the end of the page"),
            _ => throw new InvalidDataException("varint longer than 10 bytes"),
        };
    }

    public long ReadZigZag()
    {
        ulong v = ReadUleb128();
        return (long)(v >> 1) ^ -(long)(v & 1);
    }

    public int ReadCount(string what)
    {
        ulong v = ReadUleb128();
        if (v > int.MaxValue)
        {
            throw new InvalidDataException($"{what} {v} out of range");
        }

        return (int)v;
    }

    public ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || count > Remaining)
        {
            throw new InvalidDataException("encoded values run past the end of the page");
        }

        ReadOnlySpan<byte> slice = _data.Slice(Position, count);
        Position += count;
        return slice;
    }
}
