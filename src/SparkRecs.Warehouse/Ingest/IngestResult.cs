using SparkRecs.Core.Data;

namespace SparkRecs.Warehouse.Ingest;

/// <summary>The output of <c>WarehouseIngest.Run</c>.</summary>
/// <param name="Events">The clean events with dense ids (every user and item id has at least one event).</param>
/// <param name="Report">What was read, rejected and filtered.</param>
public sealed record IngestResult(InteractionTable Events, IngestReport Report);
