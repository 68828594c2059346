using System.Buffers.Binary;
using System.Text;

namespace SparkRecs.Spark.Arrow.Ipc;

/// <summary>
/// A bounds-checked view of one Flatbuffers table, enough to read Arrow's Message, Schema and
/// RecordBatch metadata without generated code. The binary layout, from the Flatbuffers format
/// documentation (all integers little-endian):
/// <list type="bullet">
/// <item>a buffer starts with a uoffset (uint32): the position of the root table;</item>
/// <item>a table starts with an soffset (int32); the table position minus that value is its vtable;</item>
/// <item>a vtable is uint16 vtable bytes, uint16 table inline bytes, then one uint16 per field in schema
/// order: the field's offset from the table start, 0 when absent (the reader then uses the schema default);</item>
/// <item>scalars and structs sit inline in the table; strings, vectors and sub-tables are a uoffset
/// relative to the field's own position;</item>
/// <item>a vector is a uint32 element count then the elements (structs inline, tables as uoffsets relative
/// to each element); a string is a uint32 byte count, the UTF-8 bytes and a NUL.</item>
/// </list>
/// Every read checks its range first and throws <see cref="FlatBufferFormatException"/>, so hostile or
/// truncated metadata can never index outside the buffer. Field names are passed for the messages only.
/// </summary>
internal readonly ref struct FlatTable
{
    private readonly ReadOnlySpan<byte> _buffer;
    private readonly int _position;
    private readonly int _vtable;
    private readonly int _vtableLength;
    private readonly int _inlineLength;
    private readonly string _name;

    private FlatTable(ReadOnlySpan<byte> buffer, int position, int vtable, int vtableLength, int inlineLength, string name)
    {
        _buffer = buffer;
        _position = position;
        _vtable = vtable;
        _vtableLength = vtableLength;
        _inlineLength = inlineLength;
        _name = name;
    }

    /// <summary>The root table of a Flatbuffers buffer.</summary>
    public static FlatTable ReadRoot(ReadOnlySpan<byte> buffer, string name)
    {
        long root = ReadUInt32(buffer, 0, name);
        return At(buffer, root, name);
    }

    /// <summary>The table that starts at <paramref name="position"/>.</summary>
    public static FlatTable At(ReadOnlySpan<byte> buffer, long position, string name)
    {
        long vtable = position - ReadInt32(buffer, position, name);
        int vtableLength = ReadUInt16(buffer, vtable, name);
        if (vtableLength < 4 || (vtableLength & 1) != 0)
        {
            throw new FlatBufferFormatException($"table '{name}' has a vtable of {vtableLength} bytes (must be even and at least 4)");
        }

        Require(buffer, vtable, vtableLength, name);
        int inlineLength = ReadUInt16(buffer, vtable + 2, name);
        if (inlineLength < 4)
        {
            throw new FlatBufferFormatException($"table '{name}' declares {inlineLength} inline bytes (at least 4 hold its vtable offset)");
        }

        Require(buffer, position, inlineLength, name);
        return new FlatTable(buffer, (int)position, (int)vtable, vtableLength, inlineLength, name);
    }

    /// <summary>Whether the field is present (its vtable entry is non-zero).</summary>
    public bool Has(int field) => RawFieldOffset(field) != 0;

    public byte GetByte(int field, string name, byte defaultValue)
    {
        int offset = FieldOffset(field, 1, name);
        return offset == 0 ? defaultValue : _buffer[_position + offset];
    }

    public bool GetBool(int field, string name) => GetByte(field, name, 0) != 0;

    public short GetInt16(int field, string name, short defaultValue)
    {
        int offset = FieldOffset(field, 2, name);
        return offset == 0 ? defaultValue : BinaryPrimitives.ReadInt16LittleEndian(_buffer.Slice(_position + offset, 2));
    }

    public int GetInt32(int field, string name, int defaultValue)
    {
        int offset = FieldOffset(field, 4, name);
        return offset == 0 ? defaultValue : BinaryPrimitives.ReadInt32LittleEndian(_buffer.Slice(_position + offset, 4));
    }

    public long GetInt64(int field, string name, long defaultValue)
    {
        int offset = FieldOffset(field, 8, name);
        return offset == 0 ? defaultValue : BinaryPrimitives.ReadInt64LittleEndian(_buffer.Slice(_position + offset, 8));
    }

    /// <summary>The sub-table in field <paramref name="field"/>; false when the field is absent.</summary>
    public bool TryGetTable(int field, string name, out FlatTable table)
    {
        long target = Indirect(field, name);
        table = target < 0 ? default : At(_buffer, target, name);
        return target >= 0;
    }

    /// <summary>The string in field <paramref name="field"/>, or null when absent.</summary>
    public string? GetString(int field, string name)
    {
        long start = Indirect(field, name);
        if (start < 0)
        {
            return null;
        }

        long length = ReadUInt32(_buffer, start, name);
        Require(_buffer, start + 4, length, name);
        return Encoding.UTF8.GetString(_buffer.Slice((int)start + 4, (int)length));
    }

    /// <summary>The vector in field <paramref name="field"/> (elements of <paramref name="elementSize"/> bytes); empty when absent.</summary>
    public FlatVector GetVector(int field, string name, int elementSize)
    {
        long start = Indirect(field, name);
        if (start < 0)
        {
            return default;
        }

        long count = ReadUInt32(_buffer, start, name);
        Require(_buffer, start + 4, count * elementSize, name);
        return new FlatVector(_buffer, (int)start + 4, (int)count, elementSize, name);
    }

    internal static long ReadUInt32(ReadOnlySpan<byte> buffer, long position, string name)
    {
        Require(buffer, position, 4, name);
        return BinaryPrimitives.ReadUInt32LittleEndian(buffer.Slice((int)position, 4));
    }

    internal static int ReadInt32(ReadOnlySpan<byte> buffer, long position, string name)
    {
        Require(buffer, position, 4, name);
        return BinaryPrimitives.ReadInt32LittleEndian(buffer.Slice((int)position, 4));
    }

    internal static long ReadInt64(ReadOnlySpan<byte> buffer, long position, string name)
    {
        Require(buffer, position, 8, name);
        return BinaryPrimitives.ReadInt64LittleEndian(buffer.Slice((int)position, 8));
    }

    private static int ReadUInt16(ReadOnlySpan<byte> buffer, long position, string name)
    {
        Require(buffer, position, 2, name);
        return BinaryPrimitives.ReadUInt16LittleEndian(buffer.Slice((int)position, 2));
    }

    private static void Require(ReadOnlySpan<byte> buffer, long position, long length, string name)
    {
        if (position < 0 || length < 0 || position > buffer.Length - length)
        {
            throw new FlatBufferFormatException(
                $"'{name}' needs bytes [{position}, {position + length}) but the metadata has {buffer.Length} bytes");
        }
    }

    /// <summary>Absolute position an offset field points at, or -1 when the field is absent.</summary>
    private long Indirect(int field, string name)
    {
        int offset = FieldOffset(field, 4, name);
        if (offset == 0)
        {
            return -1;
        }

        long at = _position + offset;
        return at + ReadUInt32(_buffer, at, name);
    }

    private int RawFieldOffset(int field)
    {
        int entry = 4 + (2 * field);
        return entry + 2 > _vtableLength ? 0 : BinaryPrimitives.ReadUInt16LittleEndian(_buffer.Slice(_vtable + entry, 2));
    }

    private int FieldOffset(int field, int size, string name)
    {
        int offset = RawFieldOffset(field);
        if (offset != 0 && offset + size > _inlineLength)
        {
            throw new FlatBufferFormatException(
                $"field '{_name}.{name}' at inline byte {offset} overruns its table of {_inlineLength} bytes");
        }

        return offset;
    }
}
