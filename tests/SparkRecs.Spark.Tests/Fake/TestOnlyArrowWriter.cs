using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace SparkRecs.Spark.Tests.Fake;

/// <summary>
/// TEST ONLY: writes a small Arrow IPC stream (schema, one record batch, end-of-stream marker) the
/// way Spark Connect sends one <c>ArrowBatch.data</c>, so the fake server can answer the engine's
/// fetch queries with scripted rows. Written from the Arrow columnar format and IPC specifications
/// (Schema.fbs, Message.fbs): continuation-marker framing, metadata V5, 8-byte aligned buffers, no
/// nulls, no compression. It is checked by reading its output back with the production
/// <c>ArrowStreamReader</c> (TestOnlyArrowWriterTests), and is not used outside tests.
/// </summary>
public static class TestOnlyArrowWriter
{
    private const short MetadataV5 = 4;
    private const byte HeaderSchema = 1;
    private const byte HeaderRecordBatch = 3;
    private const byte TypeInt = 2;
    private const byte TypeFloatingPoint = 3;
    private const byte TypeUtf8 = 5;
    private const byte TypeList = 12;

    /// <summary>The stream of one record batch holding <paramref name="columns"/> (all of one length).</summary>
    public static byte[] Write(params TestArrowColumn[] columns)
    {
        int rows = columns.Length == 0 ? 0 : columns[0].Length;
        if (columns.Any(c => c.Length != rows))
        {
            throw new ArgumentException("Every column must have the same number of rows.", nameof(columns));
        }
        var body = new Body();
        foreach (var column in columns)
        {
            body.Add(column);
        }
        var stream = new List<byte>();
        Frame(stream, SchemaMessage(columns), []);
        Frame(stream, BatchMessage(rows, body), body.Bytes.ToArray());
        stream.AddRange([0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0]);
        return [.. stream];
    }

    private static void Frame(List<byte> stream, byte[] metadata, byte[] body)
    {
        int padded = (metadata.Length + 7) / 8 * 8;
        stream.AddRange([0xFF, 0xFF, 0xFF, 0xFF]);
        stream.AddRange(BitConverter.GetBytes(padded));
        stream.AddRange(metadata);
        stream.AddRange(new byte[padded - metadata.Length]);
        stream.AddRange(body);
    }

    private static byte[] SchemaMessage(TestArrowColumn[] columns)
    {
        var f = new Flat();
        int root = f.Slot();
        var message = f.Table([Field.Short(0, MetadataV5), Field.Byte(1, HeaderSchema), Field.Offset(2), Field.Long(3, 0)]);
        f.Point(root, message.Start);
        var schema = f.Table([Field.Offset(1)]);
        f.Point(message.Slots[2], schema.Start);
        var (fieldsStart, slots) = f.OffsetVector(columns.Length);
        f.Point(schema.Slots[1], fieldsStart);
        for (int c = 0; c < columns.Length; c++)
        {
            WriteField(f, slots[c], columns[c].Name, columns[c].Type);
        }
        return f.ToArray();
    }

    private static void WriteField(Flat f, int slot, string name, TestArrowColumn.Kind kind)
    {
        byte typeType = kind switch
        {
            TestArrowColumn.Kind.Utf8 => TypeUtf8,
            TestArrowColumn.Kind.Int32 or TestArrowColumn.Kind.Int64 => TypeInt,
            TestArrowColumn.Kind.Float32 => TypeFloatingPoint,
            _ => TypeList,
        };
        var field = f.Table([Field.Offset(0), Field.Byte(1, 1), Field.Byte(2, typeType), Field.Offset(3), Field.Offset(5)]);
        f.Point(slot, field.Start);
        f.Point(field.Slots[0], f.String(name));
        var type = kind switch
        {
            TestArrowColumn.Kind.Int32 => f.Table([Field.Int(0, 32), Field.Byte(1, 1)]),
            TestArrowColumn.Kind.Int64 => f.Table([Field.Int(0, 64), Field.Byte(1, 1)]),
            TestArrowColumn.Kind.Float32 => f.Table([Field.Short(0, 1)]),
            _ => f.Table([]),
        };
        f.Point(field.Slots[3], type.Start);
        bool list = kind == TestArrowColumn.Kind.Float32List;
        var (childrenStart, children) = f.OffsetVector(list ? 1 : 0);
        f.Point(field.Slots[5], childrenStart);
        if (list)
        {
            WriteField(f, children[0], "element", TestArrowColumn.Kind.Float32);
        }
    }

    private static byte[] BatchMessage(int rows, Body body)
    {
        var f = new Flat();
        int root = f.Slot();
        var message = f.Table([Field.Short(0, MetadataV5), Field.Byte(1, HeaderRecordBatch), Field.Offset(2), Field.Long(3, body.Bytes.Count)]);
        f.Point(root, message.Start);
        var batch = f.Table([Field.Long(0, rows), Field.Offset(1), Field.Offset(2)]);
        f.Point(message.Slots[2], batch.Start);
        f.Point(batch.Slots[1], f.StructVector(body.Nodes));
        f.Point(batch.Slots[2], f.StructVector(body.Buffers));
        return f.ToArray();
    }

    /// <summary>The record batch body: buffers 8-byte aligned, with the nodes and buffer descriptors in schema order.</summary>
    private sealed class Body
    {
        public List<byte> Bytes { get; } = [];

        public List<(long, long)> Nodes { get; } = [];

        public List<(long, long)> Buffers { get; } = [];

        public void Add(TestArrowColumn column)
        {
            Nodes.Add((column.Length, 0));
            Buffer([]);
            switch (column.Type)
            {
                case TestArrowColumn.Kind.Utf8:
                    var strings = (string[])column.Values;
                    var offsets = new int[strings.Length + 1];
                    var data = new List<byte>();
                    for (int i = 0; i < strings.Length; i++)
                    {
                        data.AddRange(Encoding.UTF8.GetBytes(strings[i]));
                        offsets[i + 1] = data.Count;
                    }
                    Buffer(MemoryMarshal.AsBytes(offsets.AsSpan()).ToArray());
                    Buffer([.. data]);
                    break;
                case TestArrowColumn.Kind.Int32:
                    Buffer(MemoryMarshal.AsBytes(((int[])column.Values).AsSpan()).ToArray());
                    break;
                case TestArrowColumn.Kind.Int64:
                    Buffer(MemoryMarshal.AsBytes(((long[])column.Values).AsSpan()).ToArray());
                    break;
                case TestArrowColumn.Kind.Float32:
                    Buffer(MemoryMarshal.AsBytes(((float[])column.Values).AsSpan()).ToArray());
                    break;
                default:
                    var lists = (float[][])column.Values;
                    var starts = new int[lists.Length + 1];
                    for (int i = 0; i < lists.Length; i++)
                    {
                        starts[i + 1] = starts[i] + lists[i].Length;
                    }
                    Buffer(MemoryMarshal.AsBytes(starts.AsSpan()).ToArray());
                    Nodes.Add((starts[^1], 0));
                    Buffer([]);
                    Buffer(MemoryMarshal.AsBytes(lists.SelectMany(l => l).ToArray().AsSpan()).ToArray());
                    break;
            }
        }

        private void Buffer(byte[] bytes)
        {
            Buffers.Add((Bytes.Count, bytes.Length));
            Bytes.AddRange(bytes);
            while (Bytes.Count % 8 != 0)
            {
                Bytes.Add(0);
            }
        }
    }

    /// <summary>A scalar or offset field of a Flatbuffers table: id, byte size, value.</summary>
    private readonly record struct Field(int Id, int Size, long Value, bool IsOffset)
    {
        public static Field Byte(int id, byte value) => new(id, 1, value, false);

        public static Field Short(int id, short value) => new(id, 2, value, false);

        public static Field Int(int id, int value) => new(id, 4, value, false);

        public static Field Long(int id, long value) => new(id, 8, value, false);

        public static Field Offset(int id) => new(id, 4, 0, true);
    }

    /// <summary>
    /// A Flatbuffers writer that lays objects out front to back: every reference is a slot patched
    /// later to point forward at the object written after it (uoffsets are unsigned, so forward is
    /// the only direction they can point), and each vtable sits just before its table.
    /// </summary>
    private sealed class Flat
    {
        private readonly List<byte> _bytes = [];

        public int Position => _bytes.Count;

        public byte[] ToArray() => [.. _bytes];

        public int Slot()
        {
            Pad(4);
            int at = Position;
            I32(0);
            return at;
        }

        public void Point(int slot, int target) =>
            BinaryPrimitives.WriteInt32LittleEndian(CollectionsMarshal.AsSpan(_bytes).Slice(slot, 4), target - slot);

        /// <summary>Writes a table (fields largest first after the vtable offset, 8-byte fields 8-aligned); returns its start and its offset slots by field id.</summary>
        public (int Start, Dictionary<int, int> Slots) Table(Field[] fields)
        {
            var ordered = fields.OrderByDescending(x => x.Size).ToArray();
            var at = new Dictionary<int, int>();
            int size = 4;
            foreach (var x in ordered)
            {
                at[x.Id] = size;
                size += x.Size;
            }
            int maxId = fields.Length == 0 ? -1 : fields.Max(x => x.Id);
            Pad(2);
            int vtable = Position;
            I16(4 + (2 * (maxId + 1)));
            I16(size);
            for (int id = 0; id <= maxId; id++)
            {
                I16(at.GetValueOrDefault(id));
            }
            while (Position % 8 != 4)
            {
                _bytes.Add(0);
            }
            int start = Position;
            I32(start - vtable);
            var slots = new Dictionary<int, int>();
            foreach (var x in ordered)
            {
                if (x.IsOffset)
                {
                    slots[x.Id] = Position;
                }
                switch (x.Size)
                {
                    case 1: _bytes.Add((byte)x.Value); break;
                    case 2: I16((int)x.Value); break;
                    case 4: I32((int)x.Value); break;
                    default: I32((int)x.Value); I32((int)(x.Value >> 32)); break;
                }
            }
            return (start, slots);
        }

        public (int Start, int[] Slots) OffsetVector(int count)
        {
            Pad(4);
            int start = Position;
            I32(count);
            var slots = new int[count];
            for (int i = 0; i < count; i++)
            {
                slots[i] = Position;
                I32(0);
            }
            return (start, slots);
        }

        /// <summary>A vector of 16-byte structs of two longs (FieldNode, Buffer), elements 8-aligned; returns the vector's start.</summary>
        public int StructVector(List<(long, long)> items)
        {
            while (Position % 8 != 4)
            {
                _bytes.Add(0);
            }
            int start = Position;
            I32(items.Count);
            foreach (var (a, b) in items)
            {
                I32((int)a); I32((int)(a >> 32));
                I32((int)b); I32((int)(b >> 32));
            }
            return start;
        }

        public int String(string text)
        {
            Pad(4);
            int start = Position;
            byte[] bytes = Encoding.UTF8.GetBytes(text);
            I32(bytes.Length);
            _bytes.AddRange(bytes);
            _bytes.Add(0);
            return start;
        }

        private void Pad(int alignment)
        {
            while (_bytes.Count % alignment != 0)
            {
                _bytes.Add(0);
            }
        }

        private void I16(int value)
        {
            _bytes.Add((byte)value);
            _bytes.Add((byte)(value >> 8));
        }

        private void I32(int value)
        {
            I16(value);
            I16(value >> 16);
        }
    }
}
