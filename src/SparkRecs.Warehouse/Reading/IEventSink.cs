namespace SparkRecs.Warehouse.Reading;

/// <summary>
/// Receives the rows an <see cref="IEventFileReader"/> reads: well-formed rows go to
/// <see cref="OnEvent"/>, which validates their values; rows the reader cannot even split into
/// fields go to <see cref="OnMalformed"/>. The ingest's sink does the validation, counting and
/// key mapping, so a reader only has to find fields.
/// </summary>
public interface IEventSink
{
    /// <summary>A row split into its mapped fields.</summary>
    void OnEvent(in EventFields fields);

    /// <summary>A row that could not be split (wrong field count, bad quoting, not JSON).</summary>
    /// <param name="line">1-based line (or row number) in the file.</param>
    /// <param name="reason">Why.</param>
    /// <param name="raw">The row's raw text, for the quarantine file.</param>
    /// <param name="detail">A short explanation (e.g. "3 fields, header has 4").</param>
    void OnMalformed(long line, RejectReason reason, ReadOnlySpan<char> raw, string detail);

    /// <summary>How many bytes of the file (as stored, compressed or not) have been consumed so far, for progress.</summary>
    void OnBytesRead(long bytes);
}
