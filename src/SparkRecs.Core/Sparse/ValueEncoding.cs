namespace SparkRecs.Core.Sparse;

/// <summary>How a <see cref="CompactCsrMatrix"/> stores its values.</summary>
public enum ValueEncoding
{
    /// <summary>One byte per non-zero, indexing a table of at most 256 distinct values.</summary>
    Byte,

    /// <summary>Two bytes per non-zero, indexing a table of at most 65,536 distinct values.</summary>
    UInt16,

    /// <summary>The values themselves, four bytes per non-zero (more than 65,536 distinct values).</summary>
    Single,
}
