namespace SparkRecs.Spark.Arrow.Ipc;

/// <summary>
/// Field numbers and enum values of Arrow's Flatbuffers schema (format/Message.fbs and format/Schema.fbs
/// of the Arrow specification), named as there. Field numbers count the schema's fields from 0; a union
/// occupies two numbers (its type byte, then its value).
/// </summary>
internal static class FlatbufSchema
{
    // table Message { version: MetadataVersion; header: MessageHeader (union); bodyLength: long; custom_metadata }
    public const int MessageVersion = 0;
    public const int MessageHeaderType = 1;
    public const int MessageHeader = 2;
    public const int MessageBodyLength = 3;

    // union MessageHeader { Schema, DictionaryBatch, RecordBatch, Tensor, SparseTensor }
    public const byte HeaderSchema = 1;
    public const byte HeaderDictionaryBatch = 2;
    public const byte HeaderRecordBatch = 3;
    public const byte HeaderTensor = 4;
    public const byte HeaderSparseTensor = 5;

    // enum MetadataVersion: short { V1, V2, V3, V4, V5 }
    public const short MetadataV4 = 3;
    public const short MetadataV5 = 4;

    // table Schema { endianness: Endianness = Little; fields: [Field]; custom_metadata; features }
    public const int SchemaEndianness = 0;
    public const int SchemaFields = 1;

    // table Field { name; nullable; type (union); dictionary: DictionaryEncoding; children: [Field]; custom_metadata }
    public const int FieldName = 0;
    public const int FieldNullable = 1;
    public const int FieldTypeType = 2;
    public const int FieldType = 3;
    public const int FieldDictionary = 4;
    public const int FieldChildren = 5;

    // table Int { bitWidth: int; is_signed: bool }
    public const int IntBitWidth = 0;
    public const int IntIsSigned = 1;

    // table FloatingPoint { precision: Precision (short: HALF, SINGLE, DOUBLE) }
    public const int FloatingPointPrecision = 0;
    public const short PrecisionSingle = 1;
    public const short PrecisionDouble = 2;

    // table Date { unit: DateUnit = MILLISECOND } (DAY = 0, MILLISECOND = 1)
    public const int DateUnit = 0;
    public const short DateUnitDay = 0;
    public const short DateUnitMillisecond = 1;

    // table Timestamp { unit: TimeUnit (SECOND, MILLISECOND, MICROSECOND, NANOSECOND); timezone: string }
    public const int TimestampUnit = 0;
    public const int TimestampTimezone = 1;

    // table RecordBatch { length: long; nodes: [FieldNode]; buffers: [Buffer]; compression: BodyCompression; variadicBufferCounts }
    public const int RecordBatchLength = 0;
    public const int RecordBatchNodes = 1;
    public const int RecordBatchBuffers = 2;
    public const int RecordBatchCompression = 3;

    // struct FieldNode { length: long; null_count: long } and struct Buffer { offset: long; length: long }: 16 bytes each
    public const int StructOf2LongsSize = 16;

    // table BodyCompression { codec: CompressionType = LZ4_FRAME; method: BodyCompressionMethod = BUFFER }
    public const int BodyCompressionCodec = 0;

    // union Type, in Schema.fbs order (value 0 is NONE).
    public const byte TypeInt = 2;
    public const byte TypeFloatingPoint = 3;
    public const byte TypeUtf8 = 5;
    public const byte TypeBool = 6;
    public const byte TypeDate = 8;
    public const byte TypeTimestamp = 10;
    public const byte TypeList = 12;
    public const byte TypeStruct = 13;
    public const byte TypeLargeUtf8 = 20;

    private static readonly string[] TypeNames =
    [
        "NONE", "Null", "Int", "FloatingPoint", "Binary", "Utf8", "Bool", "Decimal", "Date", "Time", "Timestamp",
        "Interval", "List", "Struct", "Union", "FixedSizeBinary", "FixedSizeList", "Map", "Duration", "LargeBinary",
        "LargeUtf8", "LargeList", "RunEndEncoded", "BinaryView", "Utf8View", "ListView", "LargeListView",
    ];

    /// <summary>The Schema.fbs name of a Type union id, for error messages.</summary>
    public static string TypeName(byte typeId) =>
        typeId < TypeNames.Length ? TypeNames[typeId] : $"unknown type id {typeId}";

    /// <summary>The Message.fbs name of a MessageHeader union id, for error messages.</summary>
    public static string HeaderName(byte headerType) => headerType switch
    {
        HeaderSchema => "Schema",
        HeaderDictionaryBatch => "DictionaryBatch",
        HeaderRecordBatch => "RecordBatch",
        HeaderTensor => "Tensor",
        HeaderSparseTensor => "SparseTensor",
        _ => $"unknown header type {headerType}",
    };

    /// <summary>The Message.fbs name of a CompressionType value.</summary>
    public static string CodecName(byte codec) => codec switch
    {
        0 => "LZ4_FRAME",
        1 => "ZSTD",
        _ => $"unknown codec {codec}",
    };
}
