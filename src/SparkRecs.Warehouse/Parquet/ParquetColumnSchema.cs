namespace SparkRecs.Warehouse.Parquet;

/// <summary>
/// One leaf column of a Parquet file's schema as the reader sees it. Columns the reader cannot return
/// (nested, repeated, unknown annotations) are still listed, with <see cref="UnsupportedReason"/> set, so
/// that a caller can report them; reading one raises <see cref="ParquetFormatException"/>.
/// </summary>
public sealed class ParquetColumnSchema
{
    internal ParquetColumnSchema(
        int index,
        string name,
        ParquetPhysicalType physicalType,
        ParquetLogicalType logicalType,
        bool isOptional,
        int typeLength,
        int decimalScale,
        int decimalPrecision,
        ParquetTimeUnit timeUnit,
        ParquetValueKind valueKind,
        string? unsupportedReason)
    {
        Index = index;
        Name = name;
        PhysicalType = physicalType;
        LogicalType = logicalType;
        IsOptional = isOptional;
        TypeLength = typeLength;
        DecimalScale = decimalScale;
        DecimalPrecision = decimalPrecision;
        TimeUnit = timeUnit;
        ValueKind = valueKind;
        UnsupportedReason = unsupportedReason;
    }

    /// <summary>Position among the file's leaf columns (the column chunk index in each row group).</summary>
    public int Index { get; }

    /// <summary>The dotted path of the column (the plain field name for a flat schema).</summary>
    public string Name { get; }

    /// <summary>How values are stored.</summary>
    public ParquetPhysicalType PhysicalType { get; }

    /// <summary>What the values mean.</summary>
    public ParquetLogicalType LogicalType { get; }

    /// <summary>True when the column may hold nulls (OPTIONAL repetition).</summary>
    public bool IsOptional { get; }

    /// <summary>Byte width of a FIXED_LEN_BYTE_ARRAY column, else 0.</summary>
    public int TypeLength { get; }

    /// <summary>Digits after the point of a DECIMAL column.</summary>
    public int DecimalScale { get; }

    /// <summary>Total digits of a DECIMAL column.</summary>
    public int DecimalPrecision { get; }

    /// <summary>Stored resolution of a TIME or TIMESTAMP column (INT96 counts as nanoseconds).</summary>
    public ParquetTimeUnit TimeUnit { get; }

    /// <summary>How <see cref="ParquetFile.ReadColumn(int, string)"/> returns the values (meaningless when unsupported).</summary>
    public ParquetValueKind ValueKind { get; }

    /// <summary>Why the column cannot be read, or null when it can.</summary>
    public string? UnsupportedReason { get; }

    /// <summary>True when the column can be read.</summary>
    public bool IsSupported => UnsupportedReason is null;

    /// <inheritdoc />
    public override string ToString() =>
        $"{Name}: {PhysicalType}{(LogicalType == ParquetLogicalType.None ? "" : $" ({LogicalType})")}{(IsOptional ? " optional" : "")}";
}
