using SparkRecs.Core.Errors;
using SparkRecs.Warehouse.Discovery;
using SparkRecs.Warehouse.Ingest;
using SparkRecs.Warehouse.Validation;

namespace SparkRecs.Warehouse.Options;

public sealed partial record IngestOptions
{
    /// <summary>
    /// Checks every key; throws <see cref="ConfigurationException"/> naming the first bad one
    /// (<c>ingest:maxBadFraction</c>, <c>ingest:columns:user</c>...) and what a valid value looks like.
    /// </summary>
    public void Validate() => Resolve(TimeProvider.System);

    /// <summary>Validates and turns the options into the typed plan the ingest runs from.</summary>
    internal IngestPlan Resolve(TimeProvider time)
    {
        if (!EventFormats.TryParse(Format, out EventFormat format))
        {
            throw Bad("format", $"'{Format}' is not a format; use one of {string.Join(", ", EventFormats.Names)}.");
        }
        TimestampFormat timestamps = ParseTimestampFormat(TimestampFormat);
        if (string.IsNullOrWhiteSpace(Path))
        {
            throw Bad("path", "is empty; set it to an event file or to the warehouse root holding the dt=YYYY-MM-DD folders.");
        }
        string root = Table is { Length: > 0 } ? System.IO.Path.Combine(Path, Table) : Path;
        if (!File.Exists(root) && !Directory.Exists(root))
        {
            throw Bad(Table is { Length: > 0 } ? "table" : "path", $"'{root}' is neither a file nor a folder; check the path (relative paths start at the working directory).");
        }
        if (string.IsNullOrWhiteSpace(Partitioning?.DateKey))
        {
            throw Bad("partitioning:dateKey", "is empty; name the partition key that holds the day (usually 'dt').");
        }
        DayRange? window = ResolveWindow(time);
        ColumnMapping columns = (Columns ?? new ColumnMapping()).Or(ColumnMapping.DefaultFor(format));
        if (string.IsNullOrWhiteSpace(columns.User))
        {
            throw Bad("columns:user", "is empty; name the user key column (header name or zero-based index).");
        }
        if (string.IsNullOrWhiteSpace(columns.Item))
        {
            throw Bad("columns:item", "is empty; name the item key column (header name or zero-based index).");
        }
        EventWeightTable? weights = ResolveWeights(columns);
        RatingRange rating = Rating ?? new RatingRange();
        if (rating.Min is { } min && rating.Max is { } max && min > max)
        {
            throw Bad("rating", $"min {min} is above max {max}; swap them.");
        }
        if (rating.Min is { } lo && !float.IsFinite(lo) || rating.Max is { } hi && !float.IsFinite(hi))
        {
            throw Bad("rating", "bounds must be finite numbers.");
        }
        if (!(MaxBadFraction >= 0 && MaxBadFraction <= 1))
        {
            throw Bad("maxBadFraction", $"{MaxBadFraction} is not in [0, 1]; 0.01 tolerates one bad row in a hundred.");
        }
        BotRuleOptions bots = BotRule ?? new BotRuleOptions();
        if (bots.AbsoluteMax < 1)
        {
            throw Bad("botRule:absoluteMax", $"{bots.AbsoluteMax} must be at least 1.");
        }
        if (!(bots.Multiplier >= 1) || !double.IsFinite(bots.Multiplier))
        {
            throw Bad("botRule:multiplier", $"{bots.Multiplier} must be a finite number of at least 1.");
        }
        if (!(bots.Percentile >= 0 && bots.Percentile < 100))
        {
            throw Bad("botRule:percentile", $"{bots.Percentile} must be in [0, 100), e.g. 99.9.");
        }
        if (MinUserInteractions < 1)
        {
            throw Bad("minUserInteractions", $"{MinUserInteractions} must be at least 1 (1 keeps every user).");
        }
        if (MinItemInteractions < 1)
        {
            throw Bad("minItemInteractions", $"{MinItemInteractions} must be at least 1 (1 keeps every item).");
        }
        if (QuarantineMaxRows < 0)
        {
            throw Bad("quarantineMaxRows", $"{QuarantineMaxRows} must not be negative.");
        }
        if (ReadThreads is < 1)
        {
            throw Bad("readThreads", $"{ReadThreads} must be at least 1 (or unset for one per processor).");
        }
        if (QuarantinePath is { Length: > 0 } q && System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(q)) is { } dir && !Directory.Exists(dir))
        {
            throw Bad("quarantinePath", $"the folder '{dir}' does not exist; create it or point the key elsewhere.");
        }

        return new IngestPlan
        {
            Format = format,
            TimestampFormat = timestamps,
            Root = root,
            IsSingleFile = File.Exists(root),
            DateKey = Partitioning!.DateKey,
            Window = window,
            Mapping = Columns ?? new ColumnMapping(),
            Columns = columns,
            HasHeader = HasHeader,
            Weights = weights,
            Rating = rating,
            MaxBadFraction = MaxBadFraction,
            Dedupe = Dedupe,
            BotRule = bots,
            MinUserInteractions = MinUserInteractions,
            MinItemInteractions = MinItemInteractions,
            IterativeMinSupport = IterativeMinSupport,
            QuarantinePath = string.IsNullOrWhiteSpace(QuarantinePath) ? null : QuarantinePath,
            QuarantineMaxRows = QuarantineMaxRows,
            ReadThreads = ReadThreads ?? Environment.ProcessorCount,
        };
    }

    private static TimestampFormat ParseTimestampFormat(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "auto" => Options.TimestampFormat.Auto,
        "unix-seconds" => Options.TimestampFormat.UnixSeconds,
        "unix-millis" => Options.TimestampFormat.UnixMillis,
        "iso8601" => Options.TimestampFormat.Iso8601,
        _ => throw Bad("timestampFormat", $"'{text}' is not a timestamp format; use auto, unix-seconds, unix-millis or iso8601."),
    };

    private DayRange? ResolveWindow(TimeProvider time)
    {
        IngestWindow w = Window ?? new IngestWindow();
        if (w.LookbackDays is { } days)
        {
            if (w.From is not null || w.To is not null)
            {
                throw Bad("window:lookbackDays", "cannot be combined with window:from or window:to; use one form or the other.");
            }
            if (days < 1)
            {
                throw Bad("window:lookbackDays", $"{days} must be at least 1.");
            }
            DateOnly end = w.End ?? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(-1);
            return new DayRange(end.AddDays(1 - days), end);
        }
        if (w.End is not null)
        {
            throw Bad("window:end", "only applies with window:lookbackDays; use window:to for a fixed range.");
        }
        if (w.From is { } from && w.To is { } to && from > to)
        {
            throw Bad("window", $"from {from:yyyy-MM-dd} is after to {to:yyyy-MM-dd}.");
        }
        if (w.From is null && w.To is null)
        {
            return null;
        }
        return new DayRange(w.From ?? DateOnly.MinValue, w.To ?? DateOnly.MaxValue.AddDays(-1));
    }

    private EventWeightTable? ResolveWeights(ColumnMapping columns)
    {
        if (string.IsNullOrWhiteSpace(columns.EventType))
        {
            return null;
        }
        if (EventWeights is null || EventWeights.Count == 0)
        {
            throw Bad("eventWeights", $"is empty while columns:eventType is '{columns.EventType}'; map each event type to a weight, e.g. {{ \"view\": 1, \"cart\": 3, \"purchase\": 5 }}.");
        }
        foreach ((string type, float weight) in EventWeights)
        {
            if (string.IsNullOrWhiteSpace(type))
            {
                throw Bad("eventWeights", "has an empty event type name.");
            }
            if (!float.IsFinite(weight) || weight <= 0)
            {
                throw Bad($"eventWeights:{type}", $"{weight} must be a positive finite number.");
            }
        }
        return new EventWeightTable(EventWeights);
    }

    private static ConfigurationException Bad(string key, string message) => new($"{SectionName}:{key}", message);
}
