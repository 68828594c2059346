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
    public static (long Rows, double Seconds) Ingest(string root, int threads)
    {
        IngestOptions options = SampleWarehouseGenerator.IngestOptionsFor(root) with { ReadThreads = threads };
        Collect();
        var clock = Stopwatch.StartNew();
        IngestResult result = WarehouseIngest.Run(options);
        double seconds = clock.Elapsed.TotalSeconds;
        return (result.Report.RowsRead, seconds);
    }

    /// <summary>
    /// Only the file reader (Parquet or delimited CSV.gz) feeding a counting sink, files spread over
    /// <paramref name="threads"/> threads. Returns (rows, seconds).
    /// </summary>
    public static (long Rows, double Seconds) ReadOnly(string root, int threads)
    {
        IReadOnlyList<EventFile> files = PartitionDiscovery.Discover(Path.Combine(root, SampleWarehouseGenerator.TableName), null).Files;
        IEventFileReader[] readers = [new ParquetEventFileReader(), new DelimitedEventFileReader()];
        var mapping = new ColumnMapping { User = "user_id", Item = "item_id", Timestamp = "timestamp", EventType = "event_type" };
        long rows = 0;
        Collect();
        var clock = Stopwatch.StartNew();
        Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = threads }, file =>
        {
            IEventFileReader reader = readers.First(r => r.CanRead(file, EventFormat.Auto));
            var sink = new CountingSink();
            reader.Read(new EventFileContext(file, EventFormat.Auto, mapping, null), sink, CancellationToken.None);
            Interlocked.Add(ref rows, sink.Rows);
        });
        return (rows, clock.Elapsed.TotalSeconds);
    }

    private static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}
