using System.Numerics;
using System.Runtime.InteropServices;

namespace SparkRecs.Spark.Arrow.Ipc;

/// <summary>
/// Builds the columns of one RecordBatch from its field nodes and buffers (Arrow columnar format, IPC
/// "record batch" section). Nodes and buffers list the schema's fields in pre-order (a field, then its
/// children); each field takes one node and a fixed number of buffers for its layout:
/// <list type="bullet">
/// <item>fixed width (Int32/64, Float32/64, Date32, Timestamp) and Bool: validity, values;</item>
/// <item>Utf8 and LargeUtf8: validity, offsets (int32 / int64, length + 1), data;</item>
/// <item>List: validity, offsets (int32, length + 1), then the child field;</item>
/// <item>Struct: validity, then each child field.</item>
/// </list>
/// Every buffer is checked to lie inside the body on an 8-byte boundary and to be long enough for its
/// node's length; offsets are checked non-decreasing and inside their data or child array. After that,
/// the column views can index without further checks.
/// </summary>
internal ref struct ColumnAssembler
{
    private static readonly ReadOnlyMemory<byte> ZeroOffsets = new byte[8];

    private readonly FlatVector _nodes;
    private readonly FlatVector _buffers;
    private readonly ReadOnlyMemory<byte> _body;
    private readonly IpcContext _context;
    private int _nextNode;
    private int _nextBuffer;

    private ColumnAssembler(FlatVector nodes, FlatVector buffers, ReadOnlyMemory<byte> body, IpcContext context)
    {
        _nodes = nodes;
        _buffers = buffers;
        _body = body;
        _context = context;
    }

    /// <summary>Decodes every top-level column; each must have exactly <paramref name="rowCount"/> slots.</summary>
    public static ArrowColumn[] Assemble(ArrowSchema schema, int rowCount, FlatVector nodes, FlatVector buffers, ReadOnlyMemory<byte> body, IpcContext context)
    {
        var assembler = new ColumnAssembler(nodes, buffers, body, context);
        var columns = new ArrowColumn[schema.Fields.Count];
        for (int i = 0; i < columns.Length; i++)
        {
            columns[i] = assembler.Read(schema.Fields[i]);
            if (columns[i].Length != rowCount)
            {
                throw context.Corrupt(schema.Fields[i].Path, $"the column has {columns[i].Length} slots but the batch has {rowCount} rows");
            }
        }

        if (assembler._nextNode != nodes.Count || assembler._nextBuffer != buffers.Count)
        {
            throw context.Corrupt(null,
                $"the batch lists {nodes.Count} field nodes and {buffers.Count} buffers but the schema uses "
                + $"{assembler._nextNode} and {assembler._nextBuffer}");
        }

        return columns;
    }

    private ArrowColumn Read(ArrowField field)
    {
        (int length, int nullCount) = NextNode(field);
        ReadOnlyMemory<byte> validity = NextBuffer(field, "validity");
        if (nullCount > 0)
        {
            RequireLength(field, "validity", validity, BitmapBytes(length));
        }

        switch (field.Type.Kind)
        {
            case ArrowTypeKind.Int32:
                return new Int32Column(field, length, nullCount, validity, Values(field, length, 4));
            case ArrowTypeKind.Int64:
                return new Int64Column(field, length, nullCount, validity, Values(field, length, 8));
            case ArrowTypeKind.Float32:
                return new Float32Column(field, length, nullCount, validity, Values(field, length, 4));
            case ArrowTypeKind.Float64:
                return new Float64Column(field, length, nullCount, validity, Values(field, length, 8));
            case ArrowTypeKind.Date32:
                return new Date32Column(field, length, nullCount, validity, Values(field, length, 4));
            case ArrowTypeKind.Timestamp:
                return new TimestampColumn(field, length, nullCount, validity, Values(field, length, 8));
            case ArrowTypeKind.Bool:
                ReadOnlyMemory<byte> bits = NextBuffer(field, "values");
                RequireLength(field, "values", bits, BitmapBytes(length));
                return new BoolColumn(field, length, nullCount, validity, bits);
            case ArrowTypeKind.Utf8:
            {
                ReadOnlyMemory<byte> offsets = Offsets(field, length, 4);
                ReadOnlyMemory<byte> data = NextBuffer(field, "data");
                CheckOffsets(field, MemoryMarshal.Cast<byte, int>(offsets.Span)[..(length + 1)], data.Length, "bytes of string data");
                return new Utf8Column(field, length, nullCount, validity, offsets, data);
            }

            case ArrowTypeKind.LargeUtf8:
            {
                ReadOnlyMemory<byte> offsets = Offsets(field, length, 8);
                ReadOnlyMemory<byte> data = NextBuffer(field, "data");
                CheckOffsets(field, MemoryMarshal.Cast<byte, long>(offsets.Span)[..(length + 1)], data.Length, "bytes of string data");
                return new LargeUtf8Column(field, length, nullCount, validity, offsets, data);
            }

            case ArrowTypeKind.List:
            {
                ReadOnlyMemory<byte> offsets = Offsets(field, length, 4);
                ArrowColumn values = Read(field.Children[0]);
                CheckOffsets(field, MemoryMarshal.Cast<byte, int>(offsets.Span)[..(length + 1)], values.Length, "child values");
                return new ListColumn(field, length, nullCount, validity, offsets, values);
            }

            default:
            {
                var children = new ArrowColumn[field.Children.Count];
                for (int i = 0; i < children.Length; i++)
                {
                    children[i] = Read(field.Children[i]);
                    if (children[i].Length < length)
                    {
                        throw _context.Corrupt(children[i].Field.Path,
                            $"the struct member has {children[i].Length} slots but its struct has {length}");
                    }
                }

                return new StructColumn(field, length, nullCount, validity, children);
            }
        }
    }

    private (int Length, int NullCount) NextNode(ArrowField field)
    {
        if (_nextNode >= _nodes.Count)
        {
            throw _context.Corrupt(field.Path, $"the batch lists only {_nodes.Count} field nodes");
        }

        long length = _nodes.Int64At(_nextNode, 0);
        long nullCount = _nodes.Int64At(_nextNode, 8);
        _nextNode++;
        if (length < 0 || length >= int.MaxValue)
        {
            throw length < 0
                ? _context.Corrupt(field.Path, $"negative length {length}")
                : _context.Unsupported(field.Path, $"{length} slots in one array (at most {int.MaxValue - 1})",
                    "Lower spark.sql.execution.arrow.maxRecordsPerBatch so each batch stays small.");
        }

        if (nullCount < 0 || nullCount > length)
        {
            throw _context.Corrupt(field.Path, $"null count {nullCount} outside [0, {length}]");
        }

        return ((int)length, (int)nullCount);
    }

    private ReadOnlyMemory<byte> NextBuffer(ArrowField field, string role)
    {
        if (_nextBuffer >= _buffers.Count)
        {
            throw _context.Corrupt(field.Path, $"the batch lists only {_buffers.Count} buffers; the {role} buffer is missing");
        }

        long offset = _buffers.Int64At(_nextBuffer, 0);
        long length = _buffers.Int64At(_nextBuffer, 8);
        int index = _nextBuffer++;
        if (offset < 0 || length < 0 || offset > _body.Length - length)
        {
            throw _context.Corrupt(field.Path,
                $"{role} buffer (buffer {index}) spans bytes [{offset}, {offset + length}) outside the message body of {_body.Length} bytes");
        }

        if (length > 0 && (offset & 7) != 0)
        {
            throw _context.Corrupt(field.Path,
                $"{role} buffer (buffer {index}) starts at body byte {offset}, not on the 8-byte boundary the IPC format requires");
        }

        return _body.Slice((int)offset, (int)length);
    }

    private ReadOnlyMemory<byte> Values(ArrowField field, int length, int width)
    {
        ReadOnlyMemory<byte> values = NextBuffer(field, "values");
        RequireLength(field, "values", values, (long)length * width);
        return values;
    }

    private ReadOnlyMemory<byte> Offsets(ArrowField field, int length, int width)
    {
        ReadOnlyMemory<byte> offsets = NextBuffer(field, "offsets");
        if (length == 0 && offsets.IsEmpty)
        {
            return ZeroOffsets; // writers may omit the single offset of an empty array
        }

        RequireLength(field, "offsets", offsets, ((long)length + 1) * width);
        return offsets;
    }

    private readonly void RequireLength(ArrowField field, string role, ReadOnlyMemory<byte> buffer, long needed)
    {
        if (buffer.Length < needed)
        {
            throw _context.Corrupt(field.Path, $"{role} buffer has {buffer.Length} bytes but {needed} are needed");
        }
    }

    /// <summary>Offsets (32-bit, or 64-bit for large strings) must start at or above 0, never decrease and end within <paramref name="limit"/>.</summary>
    private readonly void CheckOffsets<T>(ArrowField field, ReadOnlySpan<T> offsets, int limit, string what)
        where T : struct, IBinaryInteger<T>
    {
        if (offsets[0] < T.Zero)
        {
            throw _context.Corrupt(field.Path, $"the first offset is negative ({offsets[0]})");
        }

        for (int i = 1; i < offsets.Length; i++)
        {
            if (offsets[i] < offsets[i - 1])
            {
                throw _context.Corrupt(field.Path, $"offsets decrease at slot {i - 1} ({offsets[i - 1]} then {offsets[i]})");
            }
        }

        if (offsets[^1] > T.CreateTruncating(limit))
        {
            throw _context.Corrupt(field.Path, $"the last offset {offsets[^1]} is beyond the {limit} {what}");
        }
    }

    private static long BitmapBytes(int length) => ((long)length + 7) >> 3;
}
