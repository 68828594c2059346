using SparkRecs.Core.Errors;
using SparkRecs.Pipeline.Progress;

namespace SparkRecs.Pipeline.Scheduling;

/// <summary>The work of a scheduled firing in production: <see cref="NightlyRun"/> on the firing's configuration.</summary>
public static class NightlyFiring
{
    /// <summary>
    /// Work that runs the nightly job and publishes it; a refused gate becomes a
    /// <see cref="QualityGateException"/> (exit code 5), exactly as under <c>sparkrecs run</c>.
    /// </summary>
    public static FiringWork Create(ProgressReporter progress) => async (firing, ct) =>
    {
        var config = firing.Config;
        var outcome = await NightlyRun.ExecuteAsync(config, progress, ct);
        var job = outcome.Job;
        if (!job.Published)
        {
            string reasons = job.Evaluation?.Gate is { } g ? string.Join(" ", g.Reasons) : "";
            throw new QualityGateException($"The quality gate refused run {job.RunId}; its files and report are in {job.Folder}. {reasons}".TrimEnd());
        }
        string summary = outcome.PostgresRunId is { } runId
            ? $"run {job.RunId} published as Postgres run {runId}, live for model '{config.Run.Model}'"
            : $"run {job.RunId} not published (run:publish = {config.Run.Publish}); files in {job.Folder}";
        return new FiringReport(summary, outcome);
    };
}
