using SparkRecs.Core.Errors;

namespace SparkRecs.Pipeline.Config;

/// <summary>The <c>run</c> section: what the job is called, where it writes, how it runs.</summary>
public sealed class RunSettings
{
    /// <summary>Model name: runs of one model replace each other when published (<c>run:model</c>).</summary>
    public string Model { get; set; } = "default";

    /// <summary>Folder under which each run gets its own folder of outputs (<c>run:outputDir</c>).</summary>
    public string OutputDir { get; set; } = "out/runs";

    /// <summary>Folder for local state: the sample warehouse, the embedded Postgres (<c>run:stateDir</c>).</summary>
    public string StateDir { get; set; } = "out/state";

    /// <summary>Worker threads; 0 means one per core (<c>run:threads</c>).</summary>
    public int Threads { get; set; }

    /// <summary>Seed of every random choice (initial factors, bootstrap, sampling) (<c>run:seed</c>).</summary>
    public long Seed { get; set; } = 42;

    /// <summary>Engine: <c>local</c> (in-process, the default) or <c>spark</c> (a Spark 4 cluster through Spark Connect, see the <c>spark</c> section) (<c>run:engine</c>).</summary>
    public string Engine { get; set; } = "local";

    /// <summary>
    /// Publish to Postgres: <c>auto</c> (to <c>postgres:connectionString</c>, or the embedded server
    /// when PostgreSQL is installed; otherwise keep the files and say how to install it),
    /// <c>always</c> (a run that cannot publish fails) or <c>never</c> (files only) (<c>run:publish</c>).
    /// </summary>
    public string Publish { get; set; } = "auto";

    /// <summary>Format of the run folder's tables: <c>tsv</c> or <c>parquet</c> (snappy, back to the lake) (<c>run:outputFormat</c>).</summary>
    public string OutputFormat { get; set; } = "tsv";

    /// <summary>Write TSV output files gzip-compressed (<c>run:compressOutput</c>).</summary>
    public bool CompressOutput { get; set; }

    /// <summary>The thread count to use: <see cref="Threads"/> or the core count.</summary>
    public int EffectiveThreads => Threads > 0 ? Threads : Environment.ProcessorCount;

    /// <summary>Checks every key; throws a <see cref="ConfigurationException"/> naming the first bad one.</summary>
    public void Validate()
    {
        if (!ConfigNames.IsSafeName(Model))
        {
            throw new ConfigurationException("run:model", $"'{Model}' is not a valid model name: use 1-40 lower-case letters, digits or underscores, starting with a letter (it names Postgres views).");
        }
        if (OutputFormat is not ("tsv" or "parquet"))
        {
            throw new ConfigurationException("run:outputFormat", $"'{OutputFormat}' is not an output format; use tsv or parquet.");
        }
        if (Publish is not ("auto" or "always" or "never"))
        {
            throw new ConfigurationException("run:publish", $"'{Publish}' is not a publish mode; use auto, always or never.");
        }
        if (string.IsNullOrWhiteSpace(OutputDir))
        {
            throw new ConfigurationException("run:outputDir", "must name a folder.");
        }
        if (string.IsNullOrWhiteSpace(StateDir))
        {
            throw new ConfigurationException("run:stateDir", "must name a folder.");
        }
        if (Threads < 0)
        {
            throw new ConfigurationException("run:threads", $"{Threads} is negative; use 0 for one thread per core, or a positive count.");
        }
        if (!Engine.Equals("local", StringComparison.OrdinalIgnoreCase) && !Engine.Equals("spark", StringComparison.OrdinalIgnoreCase))
        {
            throw new ConfigurationException("run:engine", $"'{Engine}' is not an engine; use 'local' or 'spark'.");
        }
    }
}
