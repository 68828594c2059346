namespace SparkRecs.Core.Evaluation.Tuning;

/// <summary>Reported after each trial so a job can log progress.</summary>
/// <param name="Completed">Trials finished, this one included.</param>
/// <param name="Total">Trials planned.</param>
/// <param name="Trial">The trial just finished.</param>
/// <param name="Best">The best trial so far (possibly <paramref name="Trial"/>).</param>
public sealed record TuningProgress(int Completed, int Total, AlsTrial Trial, AlsTrial Best);
