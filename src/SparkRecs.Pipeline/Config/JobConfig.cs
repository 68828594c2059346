using Microsoft.Extensions.Configuration;
using SparkRecs.Core.Errors;
using SparkRecs.Core.Factorization;
using SparkRecs.Postgres.Configuration;
using SparkRecs.Warehouse.Options;
using SparkRecs.Warehouse.Sample;

namespace SparkRecs.Pipeline.Config;

/// <summary>
/// A whole job configuration: one property per config section. Every key is documented in the
/// README's configuration reference; <see cref="Load"/> fails on unknown keys and invalid values
/// before any work starts.
/// </summary>
public sealed class JobConfig
{
    /// <summary>The config sections, in the order the README documents them.</summary>
    public static IReadOnlyList<string> Sections { get; } = ["run", "sample", "ingest", "split", "als", "tuning", "recommend", "evaluation", "gate", "postgres", "schedule", "spark"];

    /// <summary><c>run</c>: model name, folders, threads, seed.</summary>
    public RunSettings Run { get; set; } = new();

    /// <summary><c>sample</c>: the generated warehouse used when <c>ingest:path</c> is empty.</summary>
    public SampleOptions Sample { get; set; } = new();

    /// <summary><c>ingest</c>: where the events are and how to read and clean them.</summary>
    public IngestOptions Ingest { get; set; } = new();

    /// <summary><c>split</c>: the evaluation's temporal split.</summary>
    public SplitSettings Split { get; set; } = new();

    /// <summary><c>als</c>: the model's parameters.</summary>
    public AlsOptions Als { get; set; } = new();

    /// <summary><c>tuning</c>: the parameter search on the validation cutoff.</summary>
    public TuningSettings Tuning { get; set; } = new();

    /// <summary><c>recommend</c>: what is produced for serving.</summary>
    public RecommendSettings Recommend { get; set; } = new();

    /// <summary><c>evaluation</c>: the offline protocol.</summary>
    public EvaluationSettings Evaluation { get; set; } = new();

    /// <summary><c>gate</c>: when a candidate may replace the live model.</summary>
    public GateSettings Gate { get; set; } = new();

    /// <summary><c>postgres</c>: where runs are published (empty connection string: the embedded server).</summary>
    public PostgresOptions Postgres { get; set; } = new();

    /// <summary><c>schedule</c>: when <c>sparkrecs schedule</c> fires and which days each firing reads.</summary>
    public ScheduleSettings Schedule { get; set; } = new();

    /// <summary><c>spark</c>: the Spark Connect server and the events as the cluster sees them (<c>run:engine</c> spark).</summary>
    public SparkSettings Spark { get; set; } = new();

    /// <summary>Whether the run uses the Spark engine.</summary>
    public bool UsesSpark => Run.Engine.Equals("spark", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the events come from the generated sample warehouse (never on the Spark engine, which reads <c>spark:eventsPath</c>).</summary>
    public bool UsesSample => !UsesSpark && string.IsNullOrWhiteSpace(Ingest.Path);

    /// <summary>Loads and validates a configuration (file, then environment, then overrides).</summary>
    public static JobConfig Load(string? jsonPath, IEnumerable<KeyValuePair<string, string>> overrides, bool includeEnvironment = true)
    {
        var root = ConfigLoader.Build(jsonPath, overrides, includeEnvironment);
        ConfigLoader.RejectUnknownSections(root, Sections);
        if (root["postgres:model"] is not null)
        {
            throw new ConfigurationException("postgres:model", "the model name is set once, as run:model; remove postgres:model.");
        }
        var config = new JobConfig
        {
            Run = ConfigLoader.Bind<RunSettings>(root, "run"),
            Sample = ConfigLoader.Bind<SampleOptions>(root, "sample"),
            Ingest = ConfigLoader.Bind<IngestOptions>(root, "ingest"),
            Split = ConfigLoader.Bind<SplitSettings>(root, "split"),
            Als = ConfigLoader.Bind<AlsOptions>(root, "als"),
            Tuning = ConfigLoader.Bind<TuningSettings>(root, "tuning"),
            Recommend = ConfigLoader.Bind<RecommendSettings>(root, "recommend"),
            Evaluation = ConfigLoader.Bind<EvaluationSettings>(root, "evaluation"),
            Gate = ConfigLoader.Bind<GateSettings>(root, "gate"),
            Postgres = ConfigLoader.Bind<PostgresOptions>(root, "postgres"),
            Schedule = ConfigLoader.Bind<ScheduleSettings>(root, "schedule"),
            Spark = ConfigLoader.Bind<SparkSettings>(root, "spark"),
        };
        config.Postgres.Model = config.Run.Model;
        config.Ingest = config.Ingest with { Path = ExpandEnvironment(config.Ingest.Path) };
        config.Validate();
        return config;
    }

    /// <summary>Validates every section; the first bad key throws a ConfigurationException naming it.</summary>
    public void Validate()
    {
        Run.Validate();
        Sample.Validate();
        if (UsesSpark)
        {
            // The cluster reads spark:eventsPath; every other ingest key is checked as the local engine checks it.
            (Ingest with { Path = Directory.GetCurrentDirectory(), Table = null }).Validate();
        }
        else if (!UsesSample)
        {
            Ingest.Validate();
        }
        Split.Validate();
        Als.Validate();
        Recommend.Validate();
        Evaluation.Validate();
        Tuning.Validate(Als, Evaluation);
        Gate.Validate(Evaluation);
        if (Run.Publish != "never")
        {
            Postgres.Validate();
        }
        Schedule.Validate();
        if (UsesSpark)
        {
            Spark.Validate(this);
        }
    }

    /// <summary>
    /// A copy of this configuration reading with other ingest options (the scheduler's per-firing
    /// window); every other section is shared, as no stage changes its configuration.
    /// </summary>
    public JobConfig WithIngest(IngestOptions ingest)
    {
        var copy = (JobConfig)MemberwiseClone();
        copy.Ingest = ingest;
        return copy;
    }

    /// <summary>Expands <c>${NAME}</c> references to environment variables (e.g. <c>${SPARKRECS_DATASETS}/ml-100k/u.data</c>).</summary>
    public static string ExpandEnvironment(string value)
    {
        if (!value.Contains("${", StringComparison.Ordinal))
        {
            return value;
        }
        return System.Text.RegularExpressions.Regex.Replace(value, @"\$\{([A-Za-z_][A-Za-z0-9_]*)\}", m =>
            Environment.GetEnvironmentVariable(m.Groups[1].Value)
            ?? throw new Core.Errors.ConfigurationException("ingest:path", $"refers to ${{{m.Groups[1].Value}}}, but that environment variable is not set."));
    }
}
