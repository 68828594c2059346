namespace SparkRecs.Warehouse.Parquet.Thrift;

/// <summary>
/// The 4-bit type codes of the Thrift compact protocol. Booleans in struct fields carry their value
/// in the type code itself (<see cref="BooleanTrue"/> / <see cref="BooleanFalse"/>); inside lists a
/// boolean is a single byte.
/// </summary>
internal enum CompactType : byte
{
    Stop = 0,
    BooleanTrue = 1,
    BooleanFalse = 2,
    Byte = 3,
    I16 = 4,
    I32 = 5,
    I64 = 6,
    Double = 7,
    Binary = 8,
    List = 9,
    Set = 10,
    Map = 11,
    Struct = 12,
}
