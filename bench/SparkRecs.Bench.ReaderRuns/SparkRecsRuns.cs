using System.Diagnostics;
using SparkRecs.Warehouse.Discovery;
using SparkRecs.Warehouse.Ingest;
using SparkRecs.Warehouse.Options;
using SparkRecs.Warehouse.Parquet;
using SparkRecs.Warehouse.Reading;
using SparkRecs.Warehouse.Sample;

namespace SparkRecs.Bench.ReaderRuns;

/// <summary>Times SparkRecs on a warehouse: the whole ingest, and the file reader alone.</summary>
public static class SparkRecsRuns
{
    /// <summary>
    /// The whole ingest stage (discover, read, validate, map keys to ids, de-duplicate, bot and support
    /// filters) with <paramref name="threads"/> files read at once. Returns (rows read, seconds).
    /// </summary>
    public static Timing Ingest(string root, int threads)
        => Ingest(SampleWarehouseGenerator.IngestOptionsFor(root) with { ReadThreads = threads });

    /// <summary>The whole ingest stage with the given options. Returns (rows read, seconds).</summary>
    public static Timing Ingest(IngestOptions options)
    {
        long rows = 0;
        return Time(() => rows = WarehouseIngest.Run(options).Report.RowsRead, () => rows);
    }

    /// <summary>
    /// Only the file reader (Parquet or delimited CSV.gz) feeding a counting sink, files spread over
    /// <paramref name="threads"/> threads. Returns (rows, seconds).
    /// </summary>
    public static Timing ReadOnly(string root, int threads)
    {
        IReadOnlyList<EventFile> files = PartitionDiscovery.Discover(Path.Combine(root, SampleWarehouseGenerator.TableName), null).Files;
        IEventFileReader[] readers = [new ParquetEventFileReader(), new DelimitedEventFileReader()];
        var mapping = new ColumnMapping { User = "user_id", Item = "item_id", Timestamp = "timestamp", EventType = "event_type" };
        long rows = 0;
        return Time(
            () => Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = threads }, file =>
            {
                IEventFileReader reader = readers.First(r => r.CanRead(file, EventFormat.Auto));
                var sink = new CountingSink();
                reader.Read(new EventFileContext(file, EventFormat.Auto, mapping, null), sink, CancellationToken.None);
                Interlocked.Add(ref rows, sink.Rows);
            }),
            () => rows);
    }

    /// <summary>
    /// Only the delimited reader on one headerless tab-separated file, columns 0, 1, 2 as user, item
    /// and value, feeding a sink that only counts (splitting and field slicing, no numbers parsed,
    /// no keys mapped). Returns (rows, seconds).
    /// </summary>
    public static Timing ReadTsvOnly(string file)
    {
        var mapping = new ColumnMapping { User = "0", Item = "1", Value = "2", Timestamp = "" };
        var context = new EventFileContext(EventFile.Unpartitioned(file), EventFormat.Tsv, mapping, HasHeader: false);
        var sink = new CountingSink();
        return Time(() => new DelimitedEventFileReader().Read(context, sink, CancellationToken.None), () => sink.Rows);
    }

    /// <summary>Runs <paramref name="work"/> after a full collection, measuring wall-clock and this process' CPU time.</summary>
    private static Timing Time(Action work, Func<long> rows)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using Process self = Process.GetCurrentProcess();
        TimeSpan cpuBefore = self.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        work();
        double seconds = clock.Elapsed.TotalSeconds;
        self.Refresh();
        return new Timing(rows(), seconds, (self.TotalProcessorTime - cpuBefore).TotalSeconds);
    }
}
