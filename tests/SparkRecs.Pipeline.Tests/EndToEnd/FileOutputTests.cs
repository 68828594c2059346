using System.Text.Json;
using SparkRecs.Pipeline.Config;
using SparkRecs.Pipeline.Progress;
using SparkRecs.Pipeline.Stages;
using SparkRecs.Pipeline.Tests.Support;
using SparkRecs.Warehouse.Ingest;

namespace SparkRecs.Pipeline.Tests.EndToEnd;

public sealed class FileOutputTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_run_without_postgres_writes_every_file_and_recommends_no_seen_item()
    {
        var config = SmallJob.Config(_folder.Path, ("run:publish", "never"));
        var outcome = await NightlyRun.ExecuteAsync(config, ProgressReporter.Silent, CancellationToken.None);

        Assert.Null(outcome.PostgresRunId);
        Assert.True(outcome.Job.Published, "the gate should pass on the sample: ALS beats popularity there");
        string folder = outcome.Job.Folder;
        foreach (string file in new[] { "recommendations.tsv", "similar_items.tsv", "popular.tsv", "user_factors.tsv", "item_factors.tsv", "report.json", "report.html" })
        {
            Assert.True(File.Exists(Path.Combine(folder, file)), $"{file} is missing from {folder}");
        }
        Assert.Empty(Directory.GetFiles(folder, "*.partial"));

        // Every event of the window is seen by the served model: none of them may come back as a recommendation.
        var events = WarehouseIngest.Run(IngestStage.Resolve(config, ProgressReporter.Silent)).Events;
        var seen = new HashSet<(string, string)>();
        for (int k = 0; k < events.Count; k++)
        {
            seen.Add((events.UserKeys.KeyOf(events.Users[k]), events.ItemKeys.KeyOf(events.Items[k])));
        }
        int rows = 0;
        var perUser = new Dictionary<string, int>();
        foreach (string line in File.ReadLines(Path.Combine(folder, "recommendations.tsv")).Skip(1))
        {
            var f = line.Split('\t');
            Assert.DoesNotContain((f[0], f[2]), seen);
            perUser[f[0]] = perUser.GetValueOrDefault(f[0]) + 1;
            Assert.Equal(perUser[f[0]], int.Parse(f[1], System.Globalization.CultureInfo.InvariantCulture));
            rows++;
        }
        Assert.Equal(events.UserKeys.Count, perUser.Count);
        Assert.True(perUser.Values.All(n => n <= 20));
        Assert.True(rows > events.UserKeys.Count * 10);

        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "report.json")));
        var root = report.RootElement;
        Assert.Equal("succeeded", root.GetProperty("status").GetString());
        Assert.True(root.GetProperty("data").GetProperty("rows_accepted").GetInt64() > 50_000);
        Assert.True(root.GetProperty("evaluation").GetProperty("models").GetArrayLength() >= 2);
        Assert.Equal(6, root.GetProperty("training").GetArrayLength());
        Assert.Contains("<svg", File.ReadAllText(Path.Combine(folder, "report.html")));
    }

    [Fact]
    public async Task A_refusing_gate_keeps_the_files_and_says_why()
    {
        var config = SmallJob.Config(_folder.Path, ("run:publish", "never"), ("gate:minLiftOverPopularity", "0.9"));
        var outcome = await NightlyRun.ExecuteAsync(config, ProgressReporter.Silent, CancellationToken.None);

        Assert.False(outcome.Job.Published);
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(outcome.Job.Folder, "report.json")));
        Assert.Equal("refused", report.RootElement.GetProperty("status").GetString());
        Assert.Contains("popularity", report.RootElement.GetProperty("gate").GetString());
    }

    [Fact]
    public async Task Too_many_bad_rows_fail_the_run_naming_a_file_and_line()
    {
        var config = SmallJob.Config(_folder.Path, ("run:publish", "never"), ("ingest:maxBadFraction", "0"));
        var error = await Assert.ThrowsAsync<Core.Errors.DataException>(() => NightlyRun.ExecuteAsync(config, ProgressReporter.Silent, CancellationToken.None));
        Assert.Matches(@"part-00000\.csv\.gz:\d+", error.Message);
        Assert.Empty(Directory.Exists(Path.Combine(_folder.Path, "runs")) ? Directory.GetDirectories(Path.Combine(_folder.Path, "runs"), "r*", SearchOption.AllDirectories) : []);
    }

    [Fact]
    public async Task Rolling_origins_report_each_models_metric_at_every_cutoff()
    {
        var config = SmallJob.Config(_folder.Path, ("run:publish", "never"), ("split:rollingOrigins", "3"), ("evaluation:itemKnn", "false"));
        var outcome = await NightlyRun.ExecuteAsync(config, ProgressReporter.Silent, CancellationToken.None);

        var rolling = outcome.Job.Evaluation!.Report.RollingOrigins!;
        Assert.Equal(["als", "popularity"], rolling.Select(r => r.Model));
        Assert.All(rolling, r => Assert.Equal(3, r.Values.Count));
        Assert.All(rolling, r => Assert.InRange(r.Mean, r.Min, r.Max));
        // The last origin is the headline split itself: its popularity number is the report's.
        double headline = outcome.Job.Evaluation.Popularity.Metrics["ndcg@10"].Value;
        Assert.Equal(headline, rolling[1].Values[^1], 6);
    }
}
