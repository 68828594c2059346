using System.Globalization;

namespace SparkRecs.Bench.Ingest;

/// <summary>Command-line settings of the ingest benchmark.</summary>
internal sealed record BenchOptions
{
    /// <summary>Generated events (the sample's ordinary users; its bot and planted bad rows come on top).</summary>
    public long Events { get; init; } = 5_000_000;

    /// <summary>Day partitions of the generated warehouse.</summary>
    public int Days { get; init; } = 30;

    /// <summary>Repetitions of each measurement; the median is reported.</summary>
    public int Runs { get; init; } = 3;

    /// <summary>Folder holding the generated warehouses (reused when already complete).</summary>
    public string WorkDir { get; init; } = Path.Combine(Path.GetTempPath(), "sparkrecs-bench-ingest");

    /// <summary>Python interpreter with pandas, or null to skip pandas.</summary>
    public string? Python { get; init; } = "/usr/bin/python3";

    /// <summary>A node_modules folder holding <c>@duckdb/node-api</c>, or null to skip DuckDB.</summary>
    public string? DuckDbModules { get; init; } = Environment.GetEnvironmentVariable("DUCKDB_NODE_MODULES");

    /// <summary>A headerless <c>user \t item \t count</c> file: when set, only the TSV comparison runs (<see cref="TsvComparison"/>).</summary>
    public string? Tsv { get; init; }

    /// <summary>Parses <c>--events N --days N --runs N --work DIR --python PATH --duckdb-modules DIR --tsv FILE</c> (<c>--python ""</c> skips pandas).</summary>
    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        for (int i = 0; i < args.Length; i += 2)
        {
            string value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"'{args[i]}' needs a value.");
            options = args[i] switch
            {
                "--events" => options with { Events = long.Parse(value, CultureInfo.InvariantCulture) },
                "--days" => options with { Days = int.Parse(value, CultureInfo.InvariantCulture) },
                "--runs" => options with { Runs = int.Parse(value, CultureInfo.InvariantCulture) },
                "--work" => options with { WorkDir = value },
                "--python" => options with { Python = value.Length == 0 ? null : value },
                "--duckdb-modules" => options with { DuckDbModules = value.Length == 0 ? null : value },
                "--tsv" => options with { Tsv = value },
                _ => throw new ArgumentException($"Unknown option '{args[i]}'; use --events, --days, --runs, --work, --python, --duckdb-modules, --tsv."),
            };
        }

        return options;
    }
}
