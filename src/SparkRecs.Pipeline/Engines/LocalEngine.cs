using SparkRecs.Core.Evaluation;
using SparkRecs.Core.Recommend;
using SparkRecs.Pipeline.Config;
using SparkRecs.Pipeline.Progress;
using SparkRecs.Pipeline.Stages;

namespace SparkRecs.Pipeline.Engines;

/// <summary>The in-process engine: <see cref="RecommendationJob"/> on this machine, unchanged.</summary>
public sealed class LocalEngine(JobConfig config, ProgressReporter progress) : IRecommendationEngine
{
    /// <inheritdoc/>
    public string Name => "local";

    /// <inheritdoc/>
    public Task<JobResult> RunAsync(Func<EvaluationSplit, InteractionMatrix, IScoringModel?>? live, CancellationToken ct) =>
        Task.FromResult(new RecommendationJob(config, progress).Run(live, ct));
}
