using SparkRecs.Warehouse.Discovery;
using SparkRecs.Warehouse.Options;

namespace SparkRecs.Warehouse.Reading;

/// <summary>
/// Reads one kind of event file and pushes its rows into an <see cref="IEventSink"/>. Readers are
/// registered in an <see cref="EventReaderRegistry"/>; the first whose <see cref="CanRead"/>
/// accepts a file reads it.
/// </summary>
/// <remarks>
/// A reader streams: it must not load a whole file into memory, and it should hand fields to the
/// sink as spans over a reused buffer. <see cref="EventColumns.Resolve"/> maps the configured
/// columns to file column indexes or partition constants. It throws
/// <see cref="Core.Errors.DataException"/> for a file it cannot read at all (naming the file), and
/// lets <see cref="InvalidDataException"/> from a decompressor escape (the ingest names the file).
/// The ingest reads several files at once through the same reader instance: <see cref="Read"/>
/// must keep its state in locals (one sink per call), never in fields.
/// </remarks>
public interface IEventFileReader
{
    /// <summary>True when this reader handles <paramref name="file"/> under the configured <paramref name="format"/>.</summary>
    bool CanRead(EventFile file, EventFormat format);

    /// <summary>Reads every row of the file into <paramref name="sink"/>.</summary>
    void Read(EventFileContext context, IEventSink sink, CancellationToken cancellationToken);
}
