using System.Diagnostics;
using SparkRecs.Core.Data;
using SparkRecs.Core.Errors;
using SparkRecs.Warehouse.Cleaning;
using SparkRecs.Warehouse.Discovery;
using SparkRecs.Warehouse.Options;
using SparkRecs.Warehouse.Reading;
using SparkRecs.Warehouse.Validation;

namespace SparkRecs.Warehouse.Ingest;

/// <summary>
/// The local engine's ingest stage: discovers the files of the window, reads and validates every
/// row, then de-duplicates, drops bots and applies minimum support, returning the clean events
/// with dense ids and a report of everything that was dropped and why.
/// </summary>
/// <remarks>
/// <para>
/// Files are read in parallel (<c>ingest:readThreads</c>, one per processor by default), each into
/// its own table, and appended to the result in file order, so the result is identical for any
/// thread count. Memory is the table itself (20 bytes per event) plus 2 bytes per event for the
/// event type until de-duplication, plus the files in flight, with peaks of about twice the table
/// while its arrays double and while it is rebuilt with dense ids after the bot or support
/// filters removed someone. Measured on a shared 2-core machine: 20 million generated events
/// (340 MB of gzip) in 27-50 s depending on load, with a 1.3-1.8 GB peak working set.
/// </para>
/// <para>
/// The bad row check runs after all files are read, so its counts are exact; a corrupt or
/// truncated file, or a mapped column missing from a file, stops the run at once.
/// </para>
/// </remarks>
public static partial class WarehouseIngest
{
    /// <summary>Runs the ingest with the built-in text readers and the system clock.</summary>
    /// <exception cref="ConfigurationException">An option is invalid (raised before any file is read).</exception>
    /// <exception cref="DataException">No data in the window, a corrupt or unreadable file, or more bad rows than <c>ingest:maxBadFraction</c> allows.</exception>
    public static IngestResult Run(IngestOptions options, IProgress<IngestProgress>? progress = null, CancellationToken cancellationToken = default)
        => Run(options, EventReaderRegistry.CreateDefault(), progress, TimeProvider.System, cancellationToken);

    /// <summary>Runs the ingest with the given readers (e.g. with a Parquet reader added) and clock (which resolves a lookback window's default end).</summary>
    /// <exception cref="ConfigurationException">An option is invalid (raised before any file is read).</exception>
    /// <exception cref="DataException">No data in the window, a corrupt or unreadable file, or more bad rows than <c>ingest:maxBadFraction</c> allows.</exception>
    public static IngestResult Run(IngestOptions options, EventReaderRegistry readers, IProgress<IngestProgress>? progress, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(readers);
        ArgumentNullException.ThrowIfNull(time);
        var clock = Stopwatch.StartNew();
        IngestPlan plan = options.Resolve(time);
        (IReadOnlyList<EventFile> files, DayRange? days, bool dated) = FindFiles(plan);
        var chosen = files.Select(f => readers.Resolve(f, plan.Format)).ToArray();

        using var rejections = new RejectionLog(plan.QuarantinePath, plan.QuarantineMaxRows);
        long totalBytes = files.Sum(f => f.Length);
        var tracker = new IngestProgressTracker(progress, files.Count, totalBytes, clock);
        ReadOutcome read = ReadAll(plan, files, chosen, rejections, tracker, cancellationToken);

        long accepted = read.Events.Table.Count;
        CheckBadFraction(plan, read.RowsRead, rejections);
        if (accepted == 0)
        {
            throw new DataException($"No valid events in {files.Count} file(s) under '{plan.Root}' for window {days?.ToString() ?? "all"} ({read.RowsRead:N0} rows read, {read.OutsideWindow:N0} outside the window); check ingest:path, ingest:window and the column mapping.");
        }

        InteractionTable table = read.Events.Table;
        long duplicates = plan.Dedupe ? Deduplicator.Remove(table, read.Events.Types) : 0;
        BotRuleReport bots = BotFilter.Apply(table, plan.BotRule);
        MinSupportReport support = MinSupportFilter.Apply(table, plan.MinUserInteractions, plan.MinItemInteractions, plan.IterativeMinSupport);
        if (bots.RowsRemoved > 0 || support.RowsRemoved > 0)
        {
            table = TableCompactor.Compact(table);
        }

        var report = new IngestReport
        {
            Days = days,
            MissingDays = dated && days is { } range ? range.Days().Where(d => read.RowsByDay.GetValueOrDefault(d) == 0).ToList() : [],
            FilesRead = files.Count,
            BytesRead = totalBytes,
            RowsRead = read.RowsRead,
            RowsAccepted = accepted,
            RowsRejected = rejections.Total,
            Rejections = rejections.Counts(),
            FirstRejections = rejections.First.ToList(),
            QuarantinedRows = rejections.Quarantined,
            QuarantinePath = plan.QuarantinePath,
            OutsideWindow = read.OutsideWindow,
            DuplicatesRemoved = duplicates,
            Bots = bots,
            MinSupport = support,
            Events = table.Count,
            Users = table.UserKeys.Count,
            Items = table.ItemKeys.Count,
            Elapsed = clock.Elapsed,
        };
        return new IngestResult(table, report);
    }

    /// <summary>The files to read, the days they cover (the window itself for an undated source with a closed window), and whether they are date-partitioned.</summary>
    private static (IReadOnlyList<EventFile> Files, DayRange? Days, bool Dated) FindFiles(IngestPlan plan)
    {
        DayRange? closedWindow = plan.Window is { } w && w.From != DateOnly.MinValue && w.To < DateOnly.MaxValue.AddDays(-1) ? w : null;
        if (plan.IsSingleFile)
        {
            return ([EventFile.Unpartitioned(plan.Root)], closedWindow, false);
        }
        PartitionDiscoveryResult found = PartitionDiscovery.Discover(plan.Root, plan.Window, plan.DateKey);
        if (found.Files.Count == 0)
        {
            string window = plan.Window?.ToString() ?? "all days";
            throw new DataException($"No data files (part-*.csv|tsv|jsonl|parquet[.gz]) under '{plan.Root}' for {window}; check ingest:path, ingest:table and ingest:window.");
        }
        return (found.Files, found.IsDatePartitioned ? found.Days : closedWindow, found.IsDatePartitioned);
    }

    private static void CheckBadFraction(IngestPlan plan, long rowsRead, RejectionLog rejections)
    {
        if (rejections.Total == 0 || rejections.Total <= plan.MaxBadFraction * rowsRead)
        {
            return;
        }
        string first = string.Join("; ", rejections.First.Select(r => r.ToString()));
        string counts = string.Join(", ", rejections.Counts().Select(c => $"{c.Key} {c.Value:N0}"));
        string quarantine = plan.QuarantinePath is null ? "set ingest:quarantinePath to collect a sample" : $"a sample is in '{plan.QuarantinePath}'";
        throw new DataException(
            $"{rejections.Total:N0} of {rowsRead:N0} rows ({(double)rejections.Total / rowsRead:P2}) were rejected, more than ingest:maxBadFraction {plan.MaxBadFraction} allows. "
            + $"By reason: {counts}. First bad rows: {first}. Fix those rows at the source (or the column mapping and formats if every row fails), "
            + $"or raise ingest:maxBadFraction if this much bad data is expected; {quarantine}.");
    }
}
