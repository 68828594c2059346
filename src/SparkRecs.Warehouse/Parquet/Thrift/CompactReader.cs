using System.Buffers.Binary;
using System.Text;
using SparkRecs.Warehouse.Parquet.Encodings;

namespace SparkRecs.Warehouse.Parquet.Thrift;

/// <summary>
/// Decoder for the Thrift compact protocol, the encoding of every Parquet footer and page header.
/// Integers are ULEB128 varints holding zigzag-encoded values (<c>(n &lt;&lt; 1) ^ (n &gt;&gt; 63)</c>);
/// a field header packs the field-id delta into the high nibble and the type into the low nibble
/// (delta 0 means an explicit zigzag i16 id follows); lists put a size below 15 in the high nibble,
/// otherwise a varint size follows. Malformed input raises <see cref="InvalidDataException"/>, which
/// the file reader reports as a corrupt file.
/// </summary>
internal ref struct CompactReader
{
    private const int MaxNesting = 64;
    private readonly ReadOnlySpan<byte> _data;
    private int _depth;

    public CompactReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        Position = 0;
        _depth = 0;
    }

    /// <summary>Bytes consumed so far.</summary>
    public int Position { get; private set; }

    /// <summary>
    /// Reads the next field header of a struct. Returns false at the STOP marker. <paramref name="lastId"/>
    /// is the previous field id of this struct (start each struct with 0).
    /// </summary>
    public bool ReadFieldHeader(ref short lastId, out CompactType type, out short id)
    {
        byte header = ReadByte();
        type = (CompactType)(header & 0x0F);
        if (type == CompactType.Stop)
        {
            id = 0;
            return false;
        }

        int delta = header >> 4;
        id = delta == 0 ? (short)ReadZigZag32() : (short)(lastId + delta);
        lastId = id;
        return true;
    }

    public byte ReadByte()
    {
        if (Position >= _data.Length)
        {
            throw new InvalidDataException("Thrift structure runs past the end of its buffer");
        }

        return _data[Position++];
    }

    public ulong ReadVarint()
    {
        int position = Position;
        var status = UnsignedVarint.TryRead(_data, ref position, out ulong result);
        Position = position;
        return status switch
        {
            UnsignedVarint.ReadStatus.Read => result,
            UnsignedVarint.ReadStatus.Truncated => throw new InvalidDataException("Thrift structure runs past the end of its buffer"),
            _ => throw new InvalidDataException("Thrift varint longer than 10 bytes"),
        };
    }

    public int ReadZigZag32()
    {
        ulong v = ReadVarint();
        return (int)((uint)(v >> 1) ^ (uint)-(int)(v & 1));
    }

    public long ReadZigZag64()
    {
        ulong v = ReadVarint();
        return (long)(v >> 1) ^ -(long)(v & 1);
    }

    public int ReadI32() => ReadZigZag32();

    public long ReadI64() => ReadZigZag64();

    public double ReadDouble()
    {
        double v = BinaryPrimitives.ReadDoubleLittleEndian(Take(8));
        return v;
    }

    /// <summary>Reads a binary/string field; the span aliases the input buffer.</summary>
    public ReadOnlySpan<byte> ReadBinary()
    {
        ulong length = ReadVarint();
        if (length > int.MaxValue)
        {
            throw new InvalidDataException("Thrift binary length out of range");
        }

        return Take((int)length);
    }

    public string ReadString() => Encoding.UTF8.GetString(ReadBinary());

    /// <summary>Reads a boolean field value, whose value is carried by the field type code.</summary>
    public static bool BooleanOf(CompactType type) => type == CompactType.BooleanTrue;

    /// <summary>Reads a list or set header.</summary>
    public int ReadListHeader(out CompactType elementType)
    {
        byte header = ReadByte();
        elementType = (CompactType)(header & 0x0F);
        int size = header >> 4;
        if (size == 15)
        {
            ulong big = ReadVarint();
            if (big > int.MaxValue)
            {
                throw new InvalidDataException("Thrift list size out of range");
            }

            size = (int)big;
        }

        // Every element takes at least one byte except booleans packed in one byte each; a larger
        // count than the remaining bytes can only be corruption, and would otherwise over-allocate.
        if (size > _data.Length - Position)
        {
            throw new InvalidDataException("Thrift list longer than its buffer");
        }

        return size;
    }

    /// <summary>Skips a value of the given type, recursing into containers and structs.</summary>
    public void Skip(CompactType type)
    {
        switch (type)
        {
            case CompactType.BooleanTrue:
            case CompactType.BooleanFalse:
                return;
            case CompactType.Byte:
                ReadByte();
                return;
            case CompactType.I16:
            case CompactType.I32:
            case CompactType.I64:
                ReadVarint();
                return;
            case CompactType.Double:
                Take(8);
                return;
            case CompactType.Binary:
                ReadBinary();
                return;
            case CompactType.List:
            case CompactType.Set:
                SkipList();
                return;
            case CompactType.Map:
                SkipMap();
                return;
            case CompactType.Struct:
                SkipStruct();
                return;
            default:
                throw new InvalidDataException($"Unknown Thrift compact type {(int)type}");
        }
    }

    /// <summary>Skips a whole struct (after its opening, up to and including STOP).</summary>
    public void SkipStruct()
    {
        Enter();
        short last = 0;
        while (ReadFieldHeader(ref last, out CompactType type, out _))
        {
            Skip(type);
        }

        _depth--;
    }

    private void SkipList()
    {
        Enter();
        int count = ReadListHeader(out CompactType element);
        for (int i = 0; i < count; i++)
        {
            if (element is CompactType.BooleanTrue or CompactType.BooleanFalse)
            {
                ReadByte();
            }
            else
            {
                Skip(element);
            }
        }

        _depth--;
    }

    private void SkipMap()
    {
        Enter();
        ulong count = ReadVarint();
        if (count > 0)
        {
            byte kinds = ReadByte();
            var keyType = (CompactType)(kinds >> 4);
            var valueType = (CompactType)(kinds & 0x0F);
            for (ulong i = 0; i < count; i++)
            {
                SkipMapElement(keyType);
                SkipMapElement(valueType);
            }
        }

        _depth--;
    }

    private void SkipMapElement(CompactType type)
    {
        if (type is CompactType.BooleanTrue or CompactType.BooleanFalse)
        {
            ReadByte();
        }
        else
        {
            Skip(type);
        }
    }

    private void Enter()
    {
        if (++_depth > MaxNesting)
        {
            throw new InvalidDataException("Thrift structure nested too deeply");
        }
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || count > _data.Length - Position)
        {
            throw new InvalidDataException("Thrift structure runs past the end of its buffer");
        }

        ReadOnlySpan<byte> slice = _data.Slice(Position, count);
        Position += count;
        return slice;
    }
}
