using SparkRecs.Core.Evaluation;
using SparkRecs.Pipeline.Config;
using SparkRecs.Pipeline.Progress;
using SparkRecs.Pipeline.Tests.Support;
using SparkRecs.Tests.Shared;

namespace SparkRecs.Pipeline.Tests.EndToEnd;

/// <summary>
/// The README's MovieLens 100K protocol through the whole job (global temporal split at the 80th
/// percentile of time, K = 10, rating &gt;= 4 relevant), with the parameters the validation-cutoff
/// search chooses (rank 32, reg 1, alpha 1), so the test does not rerun the search.
/// </summary>
public sealed class MovieLensTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [DatasetFact("ml-100k/u.data")]
    public void Implicit_als_beats_popularity_on_ndcg_and_recall_on_the_global_temporal_split()
    {
        var config = MovieLensConfig();

        var result = new RecommendationJob(config, ProgressReporter.Silent).Run();

        var models = result.Evaluation!.Report.Models.ToDictionary(m => m.Model);
        double Metric(string model, string name) => models[model].Metrics[name].Naive.Value;
        Assert.Equal(95, models["als"].UsersEvaluated);
        Assert.True(Metric("als", "ndcg@10") > Metric("popularity", "ndcg@10"), $"ALS nDCG@10 {Metric("als", "ndcg@10"):0.0000} vs popularity {Metric("popularity", "ndcg@10"):0.0000}");
        Assert.True(Metric("als", "recall@10") > Metric("popularity", "recall@10"), $"ALS recall@10 {Metric("als", "recall@10"):0.0000} vs popularity {Metric("popularity", "recall@10"):0.0000}");
        Assert.True(Metric("als", "ndcg@10") >= 0.145, $"ALS nDCG@10 {Metric("als", "ndcg@10"):0.0000} is below the 0.145 independent implementations reach");
        Assert.Equal(0.1381, Metric("popularity", "ndcg@10"), 3);
        Assert.Contains(result.Evaluation.Report.Comparisons, c => c.ModelB == "popularity" && c.LowPower);
    }

    [DatasetFact("ml-100k/u.data")]
    public void Explicit_als_reports_rmse_and_the_gate_refuses_its_poor_ranking()
    {
        var config = MovieLensConfig(("als:implicit", "false"), ("als:rank", "16"), ("als:regParam", "0.1"), ("recommend:values", "raw"));

        var result = new RecommendationJob(config, ProgressReporter.Silent).Run();

        var rating = result.Evaluation!.Report.Models.Single(m => m.Model == "als").Rating!;
        Assert.InRange(rating.Rmse!.Value, 0.8, 1.1);
        Assert.True(rating.Mae < rating.Rmse);
        Assert.True(rating.PairsSkipped > 0, "test pairs of users or items unknown at the cutoff are counted as skipped");
        // Explicit ALS predicts ratings well but ranks the full catalogue poorly (as Spark's does): the gate says no.
        Assert.False(result.Published);
    }

    /// <summary>The README's MovieLens 100K config, files only, without the search, baselines trimmed for speed.</summary>
    private JobConfig MovieLensConfig(params (string Key, string Value)[] extra)
    {
        var overrides = new List<KeyValuePair<string, string>>
        {
            new("run:outputDir", Path.Combine(_folder.Path, "runs")),
            new("run:stateDir", Path.Combine(_folder.Path, "state")),
            new("run:publish", "never"),
            new("tuning:enabled", "false"),
            new("recommend:retrainOnFullWindow", "false"),
            new("evaluation:itemKnn", "false"),
            new("evaluation:bootstrapResamples", "300"),
        };
        overrides.AddRange(extra.Select(e => new KeyValuePair<string, string>(e.Key, e.Value)));
        return JobConfig.Load(RepoPaths.Combine("conf", "movielens-100k.json"), overrides, includeEnvironment: false);
    }
}
