using SparkRecs.Core.Errors;
using SparkRecs.Warehouse.Discovery;
using SparkRecs.Warehouse.Options;

namespace SparkRecs.Warehouse.Reading;

/// <summary>
/// The readers the ingest can use, consulted in registration order: the first whose
/// <see cref="IEventFileReader.CanRead"/> accepts a file reads it. <see cref="CreateDefault"/> has
/// the text readers; a composition root adds others (the Parquet adapter) with <see cref="Add"/>.
/// </summary>
public sealed class EventReaderRegistry
{
    private readonly List<IEventFileReader> _readers = [];

    /// <summary>The registered readers in the order they are consulted.</summary>
    public IReadOnlyList<IEventFileReader> Readers => _readers;

    /// <summary>A registry with the delimited text and JSON-lines readers.</summary>
    public static EventReaderRegistry CreateDefault() => new EventReaderRegistry()
        .Add(new DelimitedEventFileReader())
        .Add(new JsonLinesEventFileReader());

    /// <summary>Registers <paramref name="reader"/> after the existing ones.</summary>
    public EventReaderRegistry Add(IEventFileReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        _readers.Add(reader);
        return this;
    }

    /// <summary>The reader for <paramref name="file"/>.</summary>
    /// <exception cref="DataException">No registered reader accepts the file.</exception>
    public IEventFileReader Resolve(EventFile file, EventFormat format)
    {
        foreach (IEventFileReader reader in _readers)
        {
            if (reader.CanRead(file, format))
            {
                return reader;
            }
        }
        throw new DataException($"No reader handles '{file.Path}' as ingest:format '{EventFormats.NameOf(format)}'; set ingest:format to match the file, or register a reader for '{EventFileStreams.DataExtension(file.Path)}' files.");
    }
}
