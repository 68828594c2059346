using SparkRecs.Core.Errors;
using SparkRecs.Warehouse.Discovery;
using SparkRecs.Warehouse.Reading;
using SparkRecs.Warehouse.Validation;

namespace SparkRecs.Warehouse.Ingest;

public static partial class WarehouseIngest
{
    /// <summary>What reading every file produced, merged in file order.</summary>
    private sealed record ReadOutcome(EventTableAssembler Events, long RowsRead, long OutsideWindow, IReadOnlyDictionary<DateOnly, long> RowsByDay);

    /// <summary>
    /// Reads up to <c>ReadThreads</c> files at a time, each into its own <see cref="EventTableBuilder"/>,
    /// and merges them strictly in file order, so the result is the same as a sequential read. At
    /// most <c>ReadThreads</c> files wait in memory. The first failure (in file order) cancels the
    /// other reads, waits for them, and is rethrown.
    /// </summary>
    private static ReadOutcome ReadAll(IngestPlan plan, IReadOnlyList<EventFile> files, IEventFileReader[] readers, RejectionLog rejections, IngestProgressTracker tracker, CancellationToken cancellationToken)
    {
        var events = new EventTableAssembler();
        var rowsByDay = new Dictionary<DateOnly, long>();
        long rows = 0;
        long outside = 0;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reads = new Task<EventTableBuilder>?[files.Count];
        int started = 0;

        void StartUpTo(int limit)
        {
            while (started < Math.Min(limit, files.Count))
            {
                int index = started++;
                reads[index] = Task.Run(() => ReadFile(plan, files[index], readers[index], index, tracker, stop.Token), stop.Token);
            }
        }

        StartUpTo(plan.ReadThreads);
        try
        {
            for (int f = 0; f < files.Count; f++)
            {
                EventTableBuilder part = reads[f]!.GetAwaiter().GetResult();
                reads[f] = null;
                StartUpTo(f + 1 + plan.ReadThreads);
                events.Append(part);
                rejections.Merge(part.Rejections);
                rows += part.RowsRead;
                outside += part.OutsideWindow;
                if (part.File.Day is { } day)
                {
                    rowsByDay[day] = rowsByDay.GetValueOrDefault(day) + part.RowsRead;
                }
                tracker.Completed(f, part);
            }
        }
        catch
        {
            stop.Cancel();
            foreach (Task<EventTableBuilder>? read in reads)
            {
                try
                {
                    read?.Wait(CancellationToken.None);
                }
                catch (AggregateException)
                {
                    // Each read's own failure or cancellation; the first one in file order is rethrown below.
                }
            }
            throw;
        }
        return new ReadOutcome(events, rows, outside, rowsByDay);
    }

    /// <summary>Reads one file; decompression errors become a <see cref="DataException"/> naming the file.</summary>
    private static EventTableBuilder ReadFile(IngestPlan plan, EventFile file, IEventFileReader reader, int index, IngestProgressTracker tracker, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var builder = new EventTableBuilder(plan, file, part => tracker.Update(index, part));
        var context = new EventFileContext(file, plan.Format, plan.Mapping, plan.HasHeader);
        try
        {
            reader.Read(context, builder, cancellationToken);
        }
        catch (InvalidDataException ex)
        {
            throw new DataException($"'{file.Path}' is corrupt or truncated ({ex.Message}); re-export the file or move it out of the table.", ex);
        }
        catch (EndOfStreamException ex)
        {
            throw new DataException($"'{file.Path}' ends in the middle of its data; re-export the file or move it out of the table.", ex);
        }
        return builder;
    }
}
