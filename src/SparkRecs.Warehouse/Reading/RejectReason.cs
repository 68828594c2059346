namespace SparkRecs.Warehouse.Reading;

/// <summary>Why a row was rejected; the ingest report counts rejections per reason.</summary>
public enum RejectReason
{
    /// <summary>The user or item key is empty.</summary>
    MissingKey,

    /// <summary>The value (rating) field is empty while it is the event's value.</summary>
    MissingValue,

    /// <summary>The value field is not a finite number.</summary>
    BadNumber,

    /// <summary>The timestamp field does not parse in the configured format.</summary>
    BadTimestamp,

    /// <summary>The rating lies outside <c>ingest:rating</c>.</summary>
    RatingOutOfRange,

    /// <summary>The event type is empty or has no entry in <c>ingest:eventWeights</c>.</summary>
    UnknownEventType,

    /// <summary>The row has a different number of fields than the header (or too few for the mapped columns).</summary>
    WrongFieldCount,

    /// <summary>A quoted CSV field is not closed, or has text after its closing quote.</summary>
    BadQuoting,

    /// <summary>A JSON line is not a JSON object.</summary>
    BadJson,
}
