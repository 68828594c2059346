using SparkRecs.Core.Recommend;
using SparkRecs.Postgres.Publishing;

namespace SparkRecs.Postgres.Tests.Support;

public static class PublisherExtensions
{
    /// <summary>Begin + load; returns the ready run's id.</summary>
    public static async Task<long> LoadRunAsync(this Publisher publisher, string model, ModelArtifacts artifacts)
    {
        long runId = await publisher.BeginRunAsync(new RunInfo(model, "local", ParametersJson: """{"rank": 4}""", MetricsJson: """{"ndcg@10": 0.25}"""));
        await publisher.LoadAsync(runId, artifacts);
        return runId;
    }

    /// <summary>Begin + load + publish; returns the live run's id.</summary>
    public static async Task<long> LoadAndPublishAsync(this Publisher publisher, string model, ModelArtifacts artifacts)
    {
        long runId = await publisher.LoadRunAsync(model, artifacts);
        await publisher.PublishAsync(runId, "tests");
        return runId;
    }
}
