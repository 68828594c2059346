using System.Diagnostics;
using SparkRecs.Warehouse.Discovery;
using SparkRecs.Warehouse.Ingest;
using SparkRecs.Warehouse.Options;
using SparkRecs.Warehouse.Parquet;
using SparkRecs.Warehouse.Reading;
using SparkRecs.Warehouse.Sample;

namespace SparkRecs.Bench.Ingest;

/// <summary>Times SparkRecs on a warehouse: the whole ingest, and the file reader alone.</summary>
internal static class SparkRecsRuns
{
    /// <summary>
    /// The whole ingest stage (discover, read, validate, map keys to ids, de-duplicate, bot and support
    /// filters) with <paramref name="threads"/> files read at once. Returns (rows read, seconds).
    /// </summary>
    public static Timing Ingest(string root, int threads)
    {
        IngestOptions options = SampleWarehouseGenerator.IngestOptionsFor(root) with { ReadThreads = threads };
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
