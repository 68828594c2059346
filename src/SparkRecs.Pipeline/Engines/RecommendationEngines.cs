using SparkRecs.Pipeline.Config;
using SparkRecs.Pipeline.Engines.Spark;
using SparkRecs.Pipeline.Progress;

namespace SparkRecs.Pipeline.Engines;

/// <summary>Picks the engine <c>run:engine</c> names.</summary>
public static class RecommendationEngines
{
    /// <summary>The local engine, or the Spark engine when <see cref="JobConfig.UsesSpark"/>.</summary>
    public static IRecommendationEngine Create(JobConfig config, ProgressReporter progress) => Create(config, progress, null, null);

    /// <summary>
    /// As <see cref="Create(JobConfig, ProgressReporter)"/>; the Spark engine gets the publishing
    /// <paramref name="target"/> (its executors write into it with <c>spark:writeMode jdbc</c>)
    /// and the JDBC target (null: read from the environment when needed; tests pass one).
    /// </summary>
    internal static IRecommendationEngine Create(JobConfig config, ProgressReporter progress, Postgres.PostgresTarget? target, SparkRecs.Spark.Plans.PostgresJdbcTarget? jdbc) =>
        config.UsesSpark ? new SparkEngine(config, progress, null, target, jdbc) : new LocalEngine(config, progress);
}
