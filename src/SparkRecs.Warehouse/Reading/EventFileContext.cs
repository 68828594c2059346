using SparkRecs.Warehouse.Discovery;
using SparkRecs.Warehouse.Options;

namespace SparkRecs.Warehouse.Reading;

/// <summary>What a reader needs to know about the file it reads.</summary>
/// <param name="File">The file and its partition values.</param>
/// <param name="Format">The configured format (<see cref="EventFormat.Auto"/> lets the reader decide by extension).</param>
/// <param name="Mapping">The configured column mapping, before format defaults; use <see cref="ColumnsFor"/>.</param>
/// <param name="HasHeader">Whether delimited files have a header row; null means the format's default.</param>
public sealed record EventFileContext(EventFile File, EventFormat Format, ColumnMapping Mapping, bool? HasHeader)
{
    /// <summary>The mapping with the defaults of <paramref name="effective"/> (the format the reader settled on) filled in.</summary>
    public ColumnMapping ColumnsFor(EventFormat effective) => Mapping.Or(ColumnMapping.DefaultFor(effective));
}
