using SparkRecs.Warehouse.Discovery;
using SparkRecs.Warehouse.Options;
using SparkRecs.Warehouse.Validation;

namespace SparkRecs.Warehouse.Ingest;

/// <summary>The validated, typed form of <see cref="IngestOptions"/> the ingest runs from.</summary>
internal sealed record IngestPlan
{
    public required EventFormat Format { get; init; }
    public required TimestampFormat TimestampFormat { get; init; }
    public required string Root { get; init; }
    public required bool IsSingleFile { get; init; }
    public required string DateKey { get; init; }
    public required DayRange? Window { get; init; }
    /// <summary>The mapping as configured, before format defaults (readers add the defaults of the format they settle on).</summary>
    public required ColumnMapping Mapping { get; init; }

    /// <summary>The mapping with the configured format's defaults: decides whether an empty value or timestamp field is an error.</summary>
    public required ColumnMapping Columns { get; init; }
    public required bool? HasHeader { get; init; }
    public required EventWeightTable? Weights { get; init; }
    public required RatingRange Rating { get; init; }
    public required double MaxBadFraction { get; init; }
    public required bool Dedupe { get; init; }
    public required BotRuleOptions BotRule { get; init; }
    public required int MinUserInteractions { get; init; }
    public required int MinItemInteractions { get; init; }
    public required bool IterativeMinSupport { get; init; }
    public required string? QuarantinePath { get; init; }
    public required int QuarantineMaxRows { get; init; }
    public required int ReadThreads { get; init; }
}
