using System.Buffers.Binary;

namespace SparkRecs.Spark.Tests.Arrow.Support;

/// <summary>
/// Builds, byte by byte, a stream whose only message is a Schema of Struct fields nested
/// <c>levels</c> deep, each field's children vector holding <c>fanOut</c> references to the same
/// next-level field table. Flatbuffers allows such sharing, so a small buffer can describe a tree of
/// fanOut^levels fields: the reader must refuse it instead of expanding it.
/// </summary>
internal static class NestedSchemaStream
{
    public static byte[] Build(int levels, int fanOut)
    {
        var m = new List<byte>();
        void U8(int v) => m.Add((byte)v);
        void U16(int v) { U8(v); U8(v >> 8); }
        void I32(int v) { U16(v); U16(v >> 16); }
        void Patch(int at, int target) => BinaryPrimitives.WriteInt32LittleEndian(
            System.Runtime.InteropServices.CollectionsMarshal.AsSpan(m).Slice(at, 4), target - at);

        int root = m.Count;
        I32(0);

        // Message { version = V5, header_type = Schema, header }
        int messageVtable = m.Count;
        U16(10); U16(12); U16(4); U16(6); U16(8); U16(0);
        int message = m.Count;
        I32(message - messageVtable);
        U16(4); U8(1); U8(0);
        int headerRef = m.Count;
        I32(0);
        Patch(root, message);

        // Schema { fields }
        int schemaVtable = m.Count;
        U16(8); U16(8); U16(0); U16(4);
        int schema = m.Count;
        I32(schema - schemaVtable);
        int fieldsRef = m.Count;
        I32(0);
        Patch(headerRef, schema);

        int vectorRef = fieldsRef;
        for (int level = 0; level <= levels; level++)
        {
            int count = level == levels ? 0 : fanOut;
            int vector = m.Count;
            Patch(vectorRef, vector);
            I32(count);
            int elements = m.Count;
            for (int i = 0; i < count; i++)
            {
                I32(0);
            }

            if (count == 0)
            {
                break;
            }

            // Field { type_type = Struct, children } with no name, type table or dictionary.
            int fieldVtable = m.Count;
            U16(16); U16(12); U16(0); U16(0); U16(4); U16(0); U16(0); U16(8);
            int field = m.Count;
            I32(field - fieldVtable);
            U8(13); U8(0); U8(0); U8(0);
            vectorRef = m.Count;
            I32(0);
            for (int i = 0; i < count; i++)
            {
                Patch(elements + (4 * i), field);
            }
        }

        while (m.Count % 8 != 0)
        {
            U8(0);
        }

        byte[] stream = new byte[8 + m.Count + 8];
        BinaryPrimitives.WriteInt32LittleEndian(stream, -1);
        BinaryPrimitives.WriteInt32LittleEndian(stream.AsSpan(4), m.Count);
        m.CopyTo(stream, 8);
        BinaryPrimitives.WriteInt32LittleEndian(stream.AsSpan(8 + m.Count), -1);
        return stream;
    }
}
