using SparkRecs.Core.Evaluation;
using SparkRecs.Core.Recommend;
using SparkRecs.Pipeline.Stages;

namespace SparkRecs.Pipeline.Engines;

/// <summary>
/// What the nightly job needs from an engine: run ingest, split, training, evaluation with the
/// gate, and the serving artifacts, and report them as a <see cref="JobResult"/>. Publishing stays
/// with the caller (<see cref="NightlyRun"/>), so both engines end in the same Postgres result.
/// </summary>
public interface IRecommendationEngine
{
    /// <summary>The engine's name as registered with the run (<c>local</c>, <c>spark</c>).</summary>
    string Name { get; }

    /// <summary>
    /// Runs the job. <paramref name="live"/> optionally gives the live model in the split's ids for
    /// the gate's paired comparison. A refused gate is reported (<see cref="JobResult.Published"/>
    /// false), not thrown; any failure throws a <see cref="Core.Errors.SparkRecsException"/>.
    /// </summary>
    Task<JobResult> RunAsync(Func<EvaluationSplit, InteractionMatrix, IScoringModel?>? live, CancellationToken ct);
}
