namespace SparkRecs.Warehouse.Options;

/// <summary>
/// The valid range of explicit ratings (config section <c>ingest:rating</c>), inclusive; a value
/// outside it is rejected with reason <c>RatingOutOfRange</c>. Either bound may be open.
/// </summary>
public sealed record RatingRange
{
    /// <summary>Smallest valid rating, inclusive.</summary>
    public float? Min { get; init; }

    /// <summary>Largest valid rating, inclusive.</summary>
    public float? Max { get; init; }

    /// <summary>True when <paramref name="value"/> lies inside the range.</summary>
    public bool Contains(float value) => (Min is null || value >= Min.Value) && (Max is null || value <= Max.Value);
}
