using System.Globalization;
using SparkRecs.Bench.Ingest;

// Reads one generated warehouse as CSV.gz and as snappy Parquet with SparkRecs (whole ingest, and
// reader alone), pandas read_csv and DuckDB, in the same run; prints medians and ratios.
BenchOptions options = BenchOptions.Parse(args);
if (options.Tsv is { } tsv)
{
    TsvComparison.Run(options, tsv);
    return;
}

SampleWarehouses warehouses = SampleWarehouses.Prepare(options);
(string[] csvFiles, long csvBytes) = SampleWarehouses.FilesOf(warehouses.CsvRoot);
(string[] parquetFiles, long parquetBytes) = SampleWarehouses.FilesOf(warehouses.ParquetRoot);
int many = Environment.ProcessorCount;
int[] threadCounts = many > 1 ? [1, many] : [1];

var plan = new InterleavedPlan();

void Add(string name, string input, long bytes, Func<Timing> run) => plan.Add(name, input, bytes, run);

foreach (int t in threadCounts)
{
    Add($"SparkRecs ingest, {t} thread(s)", "CSV.gz", csvBytes, () => SparkRecsRuns.Ingest(warehouses.CsvRoot, t));
    Add($"SparkRecs ingest, {t} thread(s)", "Parquet", parquetBytes, () => SparkRecsRuns.Ingest(warehouses.ParquetRoot, t));
    Add($"SparkRecs reader only, {t} thread(s)", "CSV.gz", csvBytes, () => SparkRecsRuns.ReadOnly(warehouses.CsvRoot, t));
    Add($"SparkRecs reader only, {t} thread(s)", "Parquet", parquetBytes, () => SparkRecsRuns.ReadOnly(warehouses.ParquetRoot, t));
}

if (options.Python is { } python)
{
    Add("pandas read_csv (C engine, 1 thread)", "CSV.gz", csvBytes, () => ExternalRuns.PandasReadCsv(python, csvFiles));
}

if (options.DuckDbModules is { } modules)
{
    foreach (int t in threadCounts)
    {
        Add($"DuckDB read_parquet -> table, {t} thread(s)", "Parquet", parquetBytes, () => ExternalRuns.DuckDbReadParquet(modules, parquetFiles, t));
    }
}

plan.Run(options.Runs);

var text = CultureInfo.InvariantCulture;
Console.WriteLine(string.Create(text, $"workload: sample warehouse, {warehouses.Sample.Events:N0} events + bot and planted rows, {warehouses.Sample.Days} day partitions, {warehouses.Sample.Users:N0} users, {warehouses.Sample.Items:N0} items"));
Console.WriteLine(string.Create(text, $"  CSV.gz  {csvFiles.Length} files, {csvBytes / 1e6:0.0} MB; Parquet (snappy, dictionary keys, TIMESTAMP millis) {parquetFiles.Length} files, {parquetBytes / 1e6:0.0} MB"));
Console.WriteLine(MachineLine.Describe());
if (options.Python is { } py)
{
    Console.WriteLine($"pandas: {ExternalRuns.Version(py, "-c", "import pandas; print(pandas.__version__)")}");
}

Console.WriteLine($"node: {ExternalRuns.Version("node", "--version")}; DuckDB via @duckdb/node-api");
Console.WriteLine(string.Create(text, $"runs: {options.Runs} per row after one warm-up; medians; MB/s of stored (compressed) bytes; CPU s = CPU time of the reading process, all threads"));
Console.WriteLine();
Measurement.PrintTable(plan.Measurements);

Console.WriteLine();
Measurement? Find(string name, string input) => plan.Measurements.FirstOrDefault(m => m.Name == name && m.Input == input);
void Ratio(string label, Measurement? ours, Measurement? theirs)
{
    if (ours is not null && theirs is not null)
    {
        Console.WriteLine(string.Create(text, $"{label}: {ours.RowsPerSecond / theirs.RowsPerSecond:0.00}x rows/s, {ours.RowsPerCpuSecond / theirs.RowsPerCpuSecond:0.00}x rows per CPU s"));
    }
}

foreach (int t in threadCounts)
{
    Ratio($"SparkRecs ingest {t}T, Parquet vs CSV.gz", Find($"SparkRecs ingest, {t} thread(s)", "Parquet"), Find($"SparkRecs ingest, {t} thread(s)", "CSV.gz"));
    Ratio($"SparkRecs reader {t}T, Parquet vs CSV.gz", Find($"SparkRecs reader only, {t} thread(s)", "Parquet"), Find($"SparkRecs reader only, {t} thread(s)", "CSV.gz"));
}

Measurement? pandas = Find("pandas read_csv (C engine, 1 thread)", "CSV.gz");
Ratio("SparkRecs CSV.gz reader 1T vs pandas read_csv", Find("SparkRecs reader only, 1 thread(s)", "CSV.gz"), pandas);
Ratio("SparkRecs CSV.gz ingest 1T vs pandas read_csv", Find("SparkRecs ingest, 1 thread(s)", "CSV.gz"), pandas);
foreach (int t in threadCounts)
{
    Measurement? duck = Find($"DuckDB read_parquet -> table, {t} thread(s)", "Parquet");
    Ratio($"SparkRecs Parquet reader {t}T vs DuckDB {t}T", Find($"SparkRecs reader only, {t} thread(s)", "Parquet"), duck);
    Ratio($"SparkRecs Parquet ingest {t}T vs DuckDB {t}T", Find($"SparkRecs ingest, {t} thread(s)", "Parquet"), duck);
}
