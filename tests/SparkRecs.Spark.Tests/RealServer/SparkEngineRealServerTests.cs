using System.Globalization;
using SparkRecs.Pipeline;
using SparkRecs.Pipeline.Progress;
using SparkRecs.Spark.Tests.Engine;

namespace SparkRecs.Spark.Tests.RealServer;

/// <summary>
/// Opt-in: the whole Spark engine run on a real Spark 4 Connect server (SPARK_CONNECT_URL) that
/// shares this machine's file system (a local Spark, e.g. started with
/// <c>start-connect-server.sh --master local[2]</c>): the scenario's events are written as CSV
/// day partitions into a temp folder the server reads. Publishing is off (no Postgres needed); the
/// fake-server tests cover publishing.
/// </summary>
public sealed class SparkEngineRealServerTests
{
    [SparkConnectFact]
    public async Task The_spark_engine_runs_end_to_end_on_a_real_server()
    {
        using var folder = new TempFolder();
        var scenario = new SparkScenario();
        foreach (var day in scenario.Events.GroupBy(e => DateTimeOffset.FromUnixTimeMilliseconds(e.Ts).UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))
        {
            string partition = Directory.CreateDirectory(Path.Combine(folder.Path, "events", "dt=" + day.Key)).FullName;
            await File.WriteAllLinesAsync(Path.Combine(partition, "part-00000.csv"),
                ["user_id,item_id,ts", .. day.Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.User},{e.Item},{e.Ts}"))]);
        }
        var config = SparkScenario.Config(folder.Path, SparkConnectFactAttribute.ConnectionString, "sparkreal",
            ("spark:eventsPath", new Uri(Path.Combine(folder.Path, "events")).AbsoluteUri),
            ("run:publish", "never"),
            ("gate:enabled", "false"),
            ("spark:blocks", "2"));

        var result = await NightlyRun.ExecuteAsync(config, ProgressReporter.Silent, CancellationToken.None);

        var artifacts = result.Job.Artifacts;
        Assert.True(result.Job.Published);
        Assert.Equal(SparkScenario.Users, artifacts.UserKeys.Count);
        Assert.Equal(SparkScenario.Items, artifacts.ItemKeys.Count);
        Assert.NotNull(result.Job.Evaluation);
        var seen = scenario.Events.Select(e => (e.User, e.Item)).ToHashSet();
        for (int u = 0; u < artifacts.UserKeys.Count; u++)
        {
            var items = artifacts.Recommendations.Items(u).ToArray();
            Assert.Equal(SparkScenario.TopN, items.Count(i => i >= 0));
            Assert.DoesNotContain(items, i => seen.Contains((artifacts.UserKeys.KeyOf(u), artifacts.ItemKeys.KeyOf(i))));
        }
    }
}
