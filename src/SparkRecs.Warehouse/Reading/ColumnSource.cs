namespace SparkRecs.Warehouse.Reading;

/// <summary>Where one mapped field comes from: a file column, a partition constant, or nowhere (unmapped).</summary>
/// <param name="Index">Zero-based column index in the file, or -1.</param>
/// <param name="Constant">The partition value used for every row, or null.</param>
public readonly record struct ColumnSource(int Index, string? Constant)
{
    /// <summary>An unmapped field.</summary>
    public static ColumnSource None => new(-1, null);

    /// <summary>True when the field is read from a file column.</summary>
    public bool IsColumn => Index >= 0;

    /// <summary>True when the field is mapped at all.</summary>
    public bool IsMapped => Index >= 0 || Constant is not null;
}
