namespace SparkRecs.Spark.Arrow.Ipc;

/// <summary>
/// Decodes a Schema message header into an <see cref="ArrowSchema"/>, refusing every type, encoding and
/// byte order outside <see cref="ArrowTypeKind"/> at this point, with the field path and the Schema.fbs
/// type name, so a record batch is only ever decoded against a layout this reader knows.
/// </summary>
internal static class SchemaDecoder
{
    /// <summary>Nesting deeper than this is refused: Spark's types nest two or three levels, and a cycle of
    /// table offsets in corrupt metadata must not recurse without end.</summary>
    private const int MaxDepth = 64;

    /// <summary>More fields than this in one schema are refused: Spark results have tens, and corrupt metadata
    /// whose children vectors point back at the same tables must not expand into exponential work.</summary>
    private const int MaxFields = 10_000;

    public static ArrowSchema Decode(FlatTable schema, IpcContext context)
    {
        short endianness = schema.GetInt16(FlatbufSchema.SchemaEndianness, "endianness", 0);
        if (endianness != 0)
        {
            throw context.Unsupported(null, "the schema declares big-endian data",
                "Read the stream with a little-endian producer (Spark on x86-64 or ARM64 always writes little-endian).");
        }

        FlatVector fields = schema.GetVector(FlatbufSchema.SchemaFields, "fields", 4);
        var decoded = new ArrowField[fields.Count];
        int budget = MaxFields;
        for (int i = 0; i < fields.Count; i++)
        {
            decoded[i] = DecodeField(fields, i, null, 0, ref budget, context);
        }

        return new ArrowSchema(decoded);
    }

    private static ArrowField DecodeField(FlatVector siblings, int index, string? parentPath, int depth, ref int budget, IpcContext context)
    {
        string path = parentPath is null ? $"[{index}]" : $"{parentPath}.[{index}]";
        try
        {
            FlatTable field = siblings.TableAt(index);
            string name = field.GetString(FlatbufSchema.FieldName, "name") ?? string.Empty;
            path = name.Length == 0 ? path : parentPath is null ? name : $"{parentPath}.{name}";
            if (depth >= MaxDepth)
            {
                throw context.Corrupt(path, $"fields nest more than {MaxDepth} levels deep");
            }

            if (--budget < 0)
            {
                throw context.Corrupt(path, $"the schema has more than {MaxFields} fields");
            }

            if (field.Has(FlatbufSchema.FieldDictionary))
            {
                throw context.Unsupported(path, "the field is dictionary-encoded",
                    "Spark does not dictionary-encode query results; read the stream from a producer that writes plain arrays.");
            }

            bool nullable = field.GetBool(FlatbufSchema.FieldNullable, "nullable");
            byte typeId = field.GetByte(FlatbufSchema.FieldTypeType, "type_type", 0);
            FlatVector children = field.GetVector(FlatbufSchema.FieldChildren, "children", 4);
            var decodedChildren = new ArrowField[children.Count];
            ArrowType type = DecodeType(field, typeId, children.Count, path, context);
            for (int i = 0; i < children.Count; i++)
            {
                decodedChildren[i] = DecodeField(children, i, path, depth + 1, ref budget, context);
            }

            return new ArrowField(name, path, type, nullable, decodedChildren);
        }
        catch (FlatBufferFormatException ex) when (ex.FieldPath is null)
        {
            throw new FlatBufferFormatException(ex.Message, path);
        }
    }

    private static ArrowType DecodeType(FlatTable field, byte typeId, int childCount, string path, IpcContext context)
    {
        int expectedChildren = typeId switch
        {
            FlatbufSchema.TypeList => 1,
            FlatbufSchema.TypeStruct => childCount,
            _ => 0,
        };
        ArrowType type = typeId switch
        {
            FlatbufSchema.TypeInt => DecodeInt(field, path, context),
            FlatbufSchema.TypeFloatingPoint => DecodeFloatingPoint(field, path, context),
            FlatbufSchema.TypeUtf8 => new ArrowType(ArrowTypeKind.Utf8),
            FlatbufSchema.TypeLargeUtf8 => new ArrowType(ArrowTypeKind.LargeUtf8),
            FlatbufSchema.TypeBool => new ArrowType(ArrowTypeKind.Bool),
            FlatbufSchema.TypeDate => DecodeDate(field, path, context),
            FlatbufSchema.TypeTimestamp => DecodeTimestamp(field, path, context),
            FlatbufSchema.TypeList => new ArrowType(ArrowTypeKind.List),
            FlatbufSchema.TypeStruct => new ArrowType(ArrowTypeKind.Struct),
            0 => throw context.Corrupt(path, "the field has no type (type id 0, NONE)"),
            _ => throw context.Unsupported(path, $"type {FlatbufSchema.TypeName(typeId)} (type id {typeId})"),
        };
        if (childCount != expectedChildren)
        {
            throw context.Corrupt(path, $"a {type} field has {childCount} children (expected {expectedChildren})");
        }

        return type;
    }

    private static ArrowType DecodeInt(FlatTable field, string path, IpcContext context)
    {
        FlatTable type = RequireTypeTable(field, "Int", path, context);
        int bitWidth = type.GetInt32(FlatbufSchema.IntBitWidth, "bitWidth", 0);
        bool signed = type.GetBool(FlatbufSchema.IntIsSigned, "is_signed");
        return (bitWidth, signed) switch
        {
            (32, true) => new ArrowType(ArrowTypeKind.Int32),
            (64, true) => new ArrowType(ArrowTypeKind.Int64),
            (8 or 16 or 32 or 64, _) => throw context.Unsupported(path, $"type {(signed ? "Int" : "UInt")}{bitWidth}"),
            _ => throw context.Corrupt(path, $"Int type with bit width {bitWidth} (must be 8, 16, 32 or 64)"),
        };
    }

    private static ArrowType DecodeFloatingPoint(FlatTable field, string path, IpcContext context)
    {
        FlatTable type = RequireTypeTable(field, "FloatingPoint", path, context);
        short precision = type.GetInt16(FlatbufSchema.FloatingPointPrecision, "precision", 0);
        return precision switch
        {
            FlatbufSchema.PrecisionSingle => new ArrowType(ArrowTypeKind.Float32),
            FlatbufSchema.PrecisionDouble => new ArrowType(ArrowTypeKind.Float64),
            0 => throw context.Unsupported(path, "type FloatingPoint(HALF) (16-bit float)"),
            _ => throw context.Corrupt(path, $"FloatingPoint precision {precision} (must be 0, 1 or 2)"),
        };
    }

    private static ArrowType DecodeDate(FlatTable field, string path, IpcContext context)
    {
        // Date's unit defaults to MILLISECOND in Schema.fbs: an absent field means Date64.
        short unit = field.TryGetTable(FlatbufSchema.FieldType, "type", out FlatTable type)
            ? type.GetInt16(FlatbufSchema.DateUnit, "unit", FlatbufSchema.DateUnitMillisecond)
            : FlatbufSchema.DateUnitMillisecond;
        return unit switch
        {
            FlatbufSchema.DateUnitDay => new ArrowType(ArrowTypeKind.Date32),
            FlatbufSchema.DateUnitMillisecond => throw context.Unsupported(path, "type Date(MILLISECOND) (Date64)"),
            _ => throw context.Corrupt(path, $"Date unit {unit} (must be 0 or 1)"),
        };
    }

    private static ArrowType DecodeTimestamp(FlatTable field, string path, IpcContext context)
    {
        FlatTable type = RequireTypeTable(field, "Timestamp", path, context);
        short unit = type.GetInt16(FlatbufSchema.TimestampUnit, "unit", 0);
        if (unit is < 0 or > 3)
        {
            throw context.Corrupt(path, $"Timestamp unit {unit} (must be 0 to 3)");
        }

        string? zone = type.GetString(FlatbufSchema.TimestampTimezone, "timezone");
        return new ArrowType(ArrowTypeKind.Timestamp, (ArrowTimeUnit)unit, string.IsNullOrEmpty(zone) ? null : zone);
    }

    private static FlatTable RequireTypeTable(FlatTable field, string typeName, string path, IpcContext context)
    {
        if (!field.TryGetTable(FlatbufSchema.FieldType, "type", out FlatTable type))
        {
            throw context.Corrupt(path, $"the {typeName} type has no parameters table");
        }

        return type;
    }
}
