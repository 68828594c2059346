using SparkRecs.Warehouse.Sample;

namespace SparkRecs.Bench.Ingest;

/// <summary>The two warehouses measured: the same generated events as CSV.gz and as snappy Parquet.</summary>
internal sealed record SampleWarehouses(string CsvRoot, string ParquetRoot, SampleOptions Sample)
{
    /// <summary>Generates both under <see cref="BenchOptions.WorkDir"/>, or reuses them when a previous run completed them.</summary>
    public static SampleWarehouses Prepare(BenchOptions options)
    {
        var sample = new SampleOptions { Users = (int)Math.Clamp(options.Events / 100, 1_000, 1_000_000), Items = (int)Math.Clamp(options.Events / 500, 500, 200_000), Events = options.Events, Days = options.Days };
        string root = Path.Combine(options.WorkDir, $"events-{options.Events}-days-{options.Days}");
        string csv = Path.Combine(root, "csv");
        string parquet = Path.Combine(root, "parquet");
        Generate(sample, csv);
        Generate(sample with { Format = "parquet" }, parquet);
        return new SampleWarehouses(csv, parquet, sample);
    }

    /// <summary>Data files of a warehouse and their total size.</summary>
    public static (string[] Files, long Bytes) FilesOf(string root)
    {
        string[] files = [.. Directory.EnumerateFiles(Path.Combine(root, SampleWarehouseGenerator.TableName), "part-*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)];
        return (files, files.Sum(f => new FileInfo(f).Length));
    }

    private static void Generate(SampleOptions sample, string root)
    {
        string done = Path.Combine(root, "complete");
        if (File.Exists(done))
        {
            return;
        }

        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }

        Console.Error.WriteLine($"generating {sample.Events:N0} events as {sample.Format} under {root}");
        SampleWarehouseGenerator.Write(sample, root);
        File.WriteAllText(done, "");
    }
}
