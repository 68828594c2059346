using System.Buffers.Binary;

namespace SparkRecs.Spark.Arrow.Ipc;

/// <summary>
/// A Flatbuffers vector whose whole element range was bounds-checked when it was opened (see
/// <see cref="FlatTable.GetVector"/>); a default instance is the empty vector of an absent field.
/// </summary>
internal readonly ref struct FlatVector
{
    private readonly ReadOnlySpan<byte> _buffer;
    private readonly int _start;
    private readonly int _elementSize;
    private readonly string _name;

    public FlatVector(ReadOnlySpan<byte> buffer, int start, int count, int elementSize, string name)
    {
        _buffer = buffer;
        _start = start;
        Count = count;
        _elementSize = elementSize;
        _name = name;
    }

    public int Count { get; }

    /// <summary>Element <paramref name="index"/> of a vector of tables (each element a uoffset to its table).</summary>
    public FlatTable TableAt(int index)
    {
        int at = Element(index);
        return FlatTable.At(_buffer, at + FlatTable.ReadUInt32(_buffer, at, _name), _name);
    }

    /// <summary>The int64 at byte <paramref name="fieldOffset"/> of struct element <paramref name="index"/>.</summary>
    public long Int64At(int index, int fieldOffset) =>
        BinaryPrimitives.ReadInt64LittleEndian(_buffer.Slice(Element(index) + fieldOffset, 8));

    /// <summary>The int64 of a vector of longs.</summary>
    public long Int64At(int index) => Int64At(index, 0);

    /// <summary>Byte position of element <paramref name="index"/> in the metadata buffer (tests patch metadata through it).</summary>
    public int ElementPosition(int index) => Element(index);

    private int Element(int index)
    {
        if ((uint)index >= (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"vector '{_name}' has {Count} elements");
        }

        return _start + (index * _elementSize);
    }
}
