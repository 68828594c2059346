using SparkRecs.Warehouse.Parquet.Metadata;

namespace SparkRecs.Warehouse.Parquet.Reading;

/// <summary>
/// What a leaf's annotation means for the values handed out: the merged logical type, the
/// <see cref="ParquetValueKind"/>, and a refusal reason for annotations that would otherwise be
/// misread. The modern LogicalType wins over the legacy ConvertedType when both are set.
/// </summary>
internal readonly record struct LogicalMapping(
    ParquetLogicalType Logical,
    ParquetValueKind Kind,
    ParquetTimeUnit Unit,
    int Scale,
    int Precision,
    string? Reason)
{
    public static LogicalMapping Refused(string reason) =>
        new(ParquetLogicalType.Unsupported, ParquetValueKind.Binary, ParquetTimeUnit.None, 0, 0, reason);

    public static LogicalMapping For(SchemaElement element)
    {
        ParquetPhysicalType physical = element.Type!.Value;
        LogicalTypeInfo? logical = element.Logical;
        if (logical is { FieldId: not 0 and not 11 })
        {
            return FromLogical(physical, logical, element);
        }

        return element.ConvertedType is { } converted ? FromConverted(physical, converted, element) : Plain(physical);
    }

    private static LogicalMapping Plain(ParquetPhysicalType physical) => physical switch
    {
        ParquetPhysicalType.Boolean => Of(ParquetLogicalType.None, ParquetValueKind.Boolean),
        ParquetPhysicalType.Int32 => Of(ParquetLogicalType.None, ParquetValueKind.Int32),
        ParquetPhysicalType.Int64 => Of(ParquetLogicalType.None, ParquetValueKind.Int64),
        ParquetPhysicalType.Int96 => new(ParquetLogicalType.Timestamp, ParquetValueKind.TimestampMillis, ParquetTimeUnit.Nanos, 0, 0, null),
        ParquetPhysicalType.Float => Of(ParquetLogicalType.None, ParquetValueKind.Float),
        ParquetPhysicalType.Double => Of(ParquetLogicalType.None, ParquetValueKind.Double),
        _ => Of(ParquetLogicalType.None, ParquetValueKind.Binary),
    };

    private static LogicalMapping FromLogical(ParquetPhysicalType physical, LogicalTypeInfo logical, SchemaElement element)
    {
        ParquetTimeUnit unit = logical.TimeUnit switch
        {
            1 => ParquetTimeUnit.Millis,
            2 => ParquetTimeUnit.Micros,
            3 => ParquetTimeUnit.Nanos,
            _ => ParquetTimeUnit.None,
        };
        return (logical.FieldId, physical) switch
        {
            (1, ParquetPhysicalType.ByteArray) => Of(ParquetLogicalType.String, ParquetValueKind.String),
            (4, ParquetPhysicalType.ByteArray) => Of(ParquetLogicalType.Enum, ParquetValueKind.String),
            (12, ParquetPhysicalType.ByteArray) => Of(ParquetLogicalType.Json, ParquetValueKind.String),
            (13, ParquetPhysicalType.ByteArray) => Of(ParquetLogicalType.Bson, ParquetValueKind.Binary),
            (14, ParquetPhysicalType.FixedLenByteArray) when element.TypeLength == 16 => Of(ParquetLogicalType.Uuid, ParquetValueKind.Binary),
            (5, _) => Decimal(physical, logical.DecimalScale, logical.DecimalPrecision, element),
            (6, ParquetPhysicalType.Int32) => Of(ParquetLogicalType.Date, ParquetValueKind.Date),
            (7, ParquetPhysicalType.Int32) when unit == ParquetTimeUnit.Millis => new(ParquetLogicalType.Time, ParquetValueKind.Int32, unit, 0, 0, null),
            (7, ParquetPhysicalType.Int64) when unit is ParquetTimeUnit.Micros or ParquetTimeUnit.Nanos => new(ParquetLogicalType.Time, ParquetValueKind.Int64, unit, 0, 0, null),
            (8, ParquetPhysicalType.Int64) when unit != ParquetTimeUnit.None => new(ParquetLogicalType.Timestamp, ParquetValueKind.TimestampMillis, unit, 0, 0, null),
            (10, _) => Integer(physical, logical.BitWidth, logical.IsSigned),
            (15, ParquetPhysicalType.FixedLenByteArray) when element.TypeLength == 2 => Of(ParquetLogicalType.Float16, ParquetValueKind.Float),
            (2 or 3, _) => Refused($"{(logical.FieldId == 2 ? "MAP" : "LIST")} annotation on a primitive column"),
            (16, _) => Refused("VARIANT logical type"),
            (17 or 18, _) => Refused("geospatial logical type (GEOMETRY/GEOGRAPHY)"),
            (>= 1 and <= 15, _) => Refused($"logical type {LogicalName(logical.FieldId)} on physical type {physical}"),
            _ => Refused($"unknown logical type (Thrift union field {logical.FieldId})"),
        };
    }

    private static LogicalMapping FromConverted(ParquetPhysicalType physical, int converted, SchemaElement element) => (converted, physical) switch
    {
        (0, ParquetPhysicalType.ByteArray) => Of(ParquetLogicalType.String, ParquetValueKind.String),
        (4, ParquetPhysicalType.ByteArray) => Of(ParquetLogicalType.Enum, ParquetValueKind.String),
        (19, ParquetPhysicalType.ByteArray) => Of(ParquetLogicalType.Json, ParquetValueKind.String),
        (20, ParquetPhysicalType.ByteArray) => Of(ParquetLogicalType.Bson, ParquetValueKind.Binary),
        (5, _) => Decimal(physical, element.Scale, element.Precision, element),
        (6, ParquetPhysicalType.Int32) => Of(ParquetLogicalType.Date, ParquetValueKind.Date),
        (7, ParquetPhysicalType.Int32) => new(ParquetLogicalType.Time, ParquetValueKind.Int32, ParquetTimeUnit.Millis, 0, 0, null),
        (8, ParquetPhysicalType.Int64) => new(ParquetLogicalType.Time, ParquetValueKind.Int64, ParquetTimeUnit.Micros, 0, 0, null),
        (9, ParquetPhysicalType.Int64) => new(ParquetLogicalType.Timestamp, ParquetValueKind.TimestampMillis, ParquetTimeUnit.Millis, 0, 0, null),
        (10, ParquetPhysicalType.Int64) => new(ParquetLogicalType.Timestamp, ParquetValueKind.TimestampMillis, ParquetTimeUnit.Micros, 0, 0, null),
        (11, _) => Integer(physical, 8, false),
        (12, _) => Integer(physical, 16, false),
        (13, _) => Integer(physical, 32, false),
        (14, _) => Integer(physical, 64, false),
        (15, _) => Integer(physical, 8, true),
        (16, _) => Integer(physical, 16, true),
        (17, _) => Integer(physical, 32, true),
        (18, _) => Integer(physical, 64, true),
        (21, ParquetPhysicalType.FixedLenByteArray) when element.TypeLength == 12 => Of(ParquetLogicalType.Interval, ParquetValueKind.Binary),
        (1 or 2 or 3, _) => Refused("MAP/LIST converted type on a primitive column"),
        _ => Refused($"converted type {converted} on physical type {physical}"),
    };

    private static LogicalMapping Decimal(ParquetPhysicalType physical, int scale, int precision, SchemaElement element)
    {
        bool storable = physical is ParquetPhysicalType.Int32 or ParquetPhysicalType.Int64 or ParquetPhysicalType.ByteArray
            || (physical == ParquetPhysicalType.FixedLenByteArray && element.TypeLength is > 0 and <= 32);
        return storable && scale >= 0
            ? new(ParquetLogicalType.Decimal, ParquetValueKind.Double, ParquetTimeUnit.None, scale, precision, null)
            : Refused($"DECIMAL({precision},{scale}) on physical type {physical}");
    }

    private static LogicalMapping Integer(ParquetPhysicalType physical, int bitWidth, bool signed) => (physical, bitWidth, signed) switch
    {
        (ParquetPhysicalType.Int32, 8 or 16 or 32, true) => Of(ParquetLogicalType.Integer, ParquetValueKind.Int32),
        (ParquetPhysicalType.Int32, 8 or 16, false) => Of(ParquetLogicalType.Integer, ParquetValueKind.Int32),
        (ParquetPhysicalType.Int32, 32, false) => Of(ParquetLogicalType.Integer, ParquetValueKind.Int64),
        (ParquetPhysicalType.Int64, 64, true) => Of(ParquetLogicalType.Integer, ParquetValueKind.Int64),
        (ParquetPhysicalType.Int64, 64, false) => Of(ParquetLogicalType.Integer, ParquetValueKind.UInt64),
        _ => Refused($"{(signed ? "" : "U")}INT({bitWidth}) annotation on physical type {physical}"),
    };

    private static LogicalMapping Of(ParquetLogicalType logical, ParquetValueKind kind) =>
        new(logical, kind, ParquetTimeUnit.None, 0, 0, null);

    private static string LogicalName(short id) => id switch
    {
        1 => "STRING",
        4 => "ENUM",
        5 => "DECIMAL",
        6 => "DATE",
        7 => "TIME",
        8 => "TIMESTAMP",
        10 => "INTEGER",
        12 => "JSON",
        13 => "BSON",
        14 => "UUID",
        15 => "FLOAT16",
        _ => $"#{id}",
    };
}
