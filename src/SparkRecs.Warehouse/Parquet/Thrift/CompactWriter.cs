using System.Buffers;
using SparkRecs.Warehouse.Parquet.Encodings;
using System.Text;

namespace SparkRecs.Warehouse.Parquet.Thrift;

/// <summary>
/// Encoder for the Thrift compact protocol (the mirror of <see cref="CompactReader"/>): zigzag varints,
/// field headers carrying the id delta in the high nibble, booleans folded into the field type.
/// The caller tracks each struct's last field id (start at 0, pass by ref) and closes structs with
/// <see cref="WriteStop"/>.
/// </summary>
internal sealed class CompactWriter(ArrayBufferWriter<byte> output)
{
    public void WriteFieldHeader(ref short lastId, CompactType type, short id)
    {
        int delta = id - lastId;
        if (delta is > 0 and <= 15)
        {
            WriteByte((byte)((delta << 4) | (int)type));
        }
        else
        {
            WriteByte((byte)type);
            WriteVarint(ZigZag(id));
        }

        lastId = id;
    }

    public void WriteI32Field(ref short lastId, short id, int value)
    {
        WriteFieldHeader(ref lastId, CompactType.I32, id);
        WriteVarint(ZigZag(value));
    }

    public void WriteI64Field(ref short lastId, short id, long value)
    {
        WriteFieldHeader(ref lastId, CompactType.I64, id);
        WriteVarint(ZigZag(value));
    }

    public void WriteBoolField(ref short lastId, short id, bool value) =>
        WriteFieldHeader(ref lastId, value ? CompactType.BooleanTrue : CompactType.BooleanFalse, id);

    public void WriteBinaryField(ref short lastId, short id, ReadOnlySpan<byte> value)
    {
        WriteFieldHeader(ref lastId, CompactType.Binary, id);
        WriteVarint((ulong)value.Length);
        output.Write(value);
    }

    public void WriteStringField(ref short lastId, short id, string value) => WriteBinaryField(ref lastId, id, Encoding.UTF8.GetBytes(value));

    /// <summary>Writes a struct field header; write the struct's fields with a fresh last id, then <see cref="WriteStop"/>.</summary>
    public void BeginStructField(ref short lastId, short id) => WriteFieldHeader(ref lastId, CompactType.Struct, id);

    public void BeginListField(ref short lastId, short id, CompactType elementType, int count)
    {
        WriteFieldHeader(ref lastId, CompactType.List, id);
        if (count < 15)
        {
            WriteByte((byte)((count << 4) | (int)elementType));
        }
        else
        {
            WriteByte((byte)(0xF0 | (int)elementType));
            WriteVarint((ulong)count);
        }
    }

    public void WriteI32Element(int value) => WriteVarint(ZigZag(value));

    public void WriteStringElement(string value)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(value);
        WriteVarint((ulong)bytes.Length);
        output.Write(bytes);
    }

    public void WriteStop() => WriteByte(0);

    private void WriteByte(byte value)
    {
        output.GetSpan(1)[0] = value;
        output.Advance(1);
    }

    private void WriteVarint(ulong value) => UnsignedVarint.Write(value, output);

    private static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));
}
