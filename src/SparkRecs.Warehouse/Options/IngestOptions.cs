namespace SparkRecs.Warehouse.Options;

/// <summary>
/// Everything the ingest stage needs to turn warehouse files into an interaction table, shaped
/// for binding from the <c>ingest</c> section of a job config. Every key is checked by
/// <see cref="Validate"/> before any file is opened; a bad one raises a
/// <see cref="Core.Errors.ConfigurationException"/> naming it as <c>ingest:&lt;key&gt;</c>.
/// </summary>
/// <remarks>
/// <para>
/// <b>The value of an event.</b> With <see cref="ColumnMapping.EventType"/> mapped (implicit
/// feedback) the value is <c>EventWeights[type]</c>, times the <see cref="ColumnMapping.Value"/>
/// field when that is mapped and not empty (a quantity); an unknown type rejects the row. Without
/// it (explicit feedback) the value is the <see cref="ColumnMapping.Value"/> field, which must be
/// present and inside <see cref="Rating"/>. With neither mapped every event counts 1.
/// </para>
/// <para>
/// <b>Cleaning order.</b> Parse and validate (rejections counted by reason, then checked against
/// <see cref="MaxBadFraction"/>), drop exact duplicates, drop bots, then the minimum-support filter.
/// </para>
/// </remarks>
public sealed partial record IngestOptions
{
    /// <summary>The config section these options bind from.</summary>
    public const string SectionName = "ingest";

    /// <summary>File layout: <c>auto</c> (by extension), <c>csv</c>, <c>tsv</c>, <c>movielens-100k</c>, <c>movielens-csv</c>, <c>jsonl</c>.</summary>
    public string Format { get; init; } = "auto";

    /// <summary>A single event file, or the warehouse root holding the partition folders.</summary>
    public string Path { get; init; } = "";

    /// <summary>Optional table folder under <see cref="Path"/> (e.g. <c>events</c>); the partitions are read from <c>Path/Table</c>.</summary>
    public string? Table { get; init; }

    /// <summary>Folder layout of the warehouse.</summary>
    public PartitioningOptions Partitioning { get; init; } = new();

    /// <summary>Which days to read.</summary>
    public IngestWindow Window { get; init; } = new();

    /// <summary>Which column holds each field; unset entries take the format's defaults.</summary>
    public ColumnMapping Columns { get; init; } = new();

    /// <summary>Whether delimited files start with a header row; defaults to true except for <c>movielens-100k</c>.</summary>
    public bool? HasHeader { get; init; }

    /// <summary>How timestamps are written: <c>auto</c>, <c>unix-seconds</c>, <c>unix-millis</c>, <c>iso8601</c>.</summary>
    public string TimestampFormat { get; init; } = "auto";

    /// <summary>Weight of each event type (matched case-insensitively), e.g. view 1, cart 3, purchase 5.</summary>
    public Dictionary<string, float>? EventWeights { get; init; }

    /// <summary>Valid range of explicit ratings.</summary>
    public RatingRange Rating { get; init; } = new();

    /// <summary>Largest tolerated share of rejected rows among all rows read, in [0, 1]; past it the run fails.</summary>
    public double MaxBadFraction { get; init; } = 0.01;

    /// <summary>Whether exact duplicate events (same user, item, timestamp and type) are dropped, keeping the first.</summary>
    public bool Dedupe { get; init; } = true;

    /// <summary>The rule that drops abnormally active users.</summary>
    public BotRuleOptions BotRule { get; init; } = new();

    /// <summary>Users with fewer events than this are dropped (1 keeps everyone).</summary>
    public int MinUserInteractions { get; init; } = 1;

    /// <summary>Items with fewer events than this are dropped (1 keeps everything).</summary>
    public int MinItemInteractions { get; init; } = 1;

    /// <summary>
    /// False: one pass, users and items counted once on the same table and rows failing either
    /// minimum dropped (a survivor may end up below a minimum). True: repeat until every user and
    /// item meets its minimum (the k-core), which can take several passes and shrink data a lot.
    /// </summary>
    public bool IterativeMinSupport { get; init; }

    /// <summary>Optional file receiving a sample of rejected rows (file, line, reason, raw text).</summary>
    public string? QuarantinePath { get; init; }

    /// <summary>Most rejected rows written to <see cref="QuarantinePath"/>.</summary>
    public int QuarantineMaxRows { get; init; } = 1000;

    /// <summary>Files read at the same time; null means one per processor. The result is the same for any value.</summary>
    public int? ReadThreads { get; init; }
}
