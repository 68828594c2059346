using SparkRecs.Warehouse.Discovery;
using SparkRecs.Warehouse.Options;

namespace SparkRecs.Warehouse.Reading;

/// <summary>What a reader needs to know about the file it reads.</summary>
/// <param name="File">The file and its partition values.</param>
/// <param name="Format">The configured format (<see cref="EventFormat.Auto"/> lets the reader decide by extension).</param>
/// <param name="Mapping">The configured column mapping, before format defaults; use <see cref="ColumnsFor"/>.</param>
/// <param name="HasHeader">Whether delimited files have a header row; null means the format's default.</param>
/// <param name="RowWindow">
/// For an undated file read under a window, the window its rows must fall in (the sink drops the others);
/// null for date-partitioned files, whose rows are all kept. A reader may skip blocks whose statistics
/// prove they lie outside it (reporting them through <see cref="IEventSink.OnRowGroupSkipped"/>).
/// </param>
public sealed record EventFileContext(EventFile File, EventFormat Format, ColumnMapping Mapping, bool? HasHeader, DayRange? RowWindow = null)
{
    /// <summary>The mapping with the defaults of <paramref name="effective"/> (the format the reader settled on) filled in.</summary>
    public ColumnMapping ColumnsFor(EventFormat effective) => Mapping.Or(ColumnMapping.DefaultFor(effective));
}
