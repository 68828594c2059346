using SparkRecs.Warehouse.Reading;

namespace SparkRecs.Warehouse.Validation;

/// <summary>Where and why one row was rejected (the report keeps the first few).</summary>
/// <param name="File">The file's path.</param>
/// <param name="Line">1-based line (or row number) in the file.</param>
/// <param name="Reason">Why.</param>
/// <param name="Detail">The offending field and value.</param>
public sealed record RejectedRow(string File, long Line, RejectReason Reason, string Detail)
{
    /// <inheritdoc />
    public override string ToString() => $"{File}:{Line}: {Reason}: {Detail}";
}
