using SparkRecs.Pipeline.Config;
using SparkRecs.Pipeline.Engines.Spark;
using SparkRecs.Pipeline.Progress;

namespace SparkRecs.Pipeline.Engines;

/// <summary>Picks the engine <c>run:engine</c> names.</summary>
public static class RecommendationEngines
{
    /// <summary>The local engine, or the Spark engine when <see cref="JobConfig.UsesSpark"/>.</summary>
    public static IRecommendationEngine Create(JobConfig config, ProgressReporter progress) =>
        config.UsesSpark ? new SparkEngine(config, progress) : new LocalEngine(config, progress);
}
