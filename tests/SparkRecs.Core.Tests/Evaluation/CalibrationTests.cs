using System.Globalization;
using SparkRecs.Core.Data;
using SparkRecs.Core.Evaluation;
using SparkRecs.Core.Sparse;
using SparkRecs.Tests.Shared;
using Xunit.Abstractions;

namespace SparkRecs.Core.Tests.Evaluation;

public class CalibrationTests(ITestOutputHelper output)
{
    /// <summary>The ML-100K ratings file, relative to the datasets folder.</summary>
    internal const string MovieLens100KRatings = "ml-100k/u.data";

    internal static InteractionTable LoadMovieLens100K()
    {
        string path = DatasetFactAttribute.PathOf(MovieLens100KRatings);
        var table = new InteractionTable(capacity: 100_000);
        foreach (string line in File.ReadLines(path))
        {
            var fields = line.Split('\t');
            table.Add(fields[0], fields[1], float.Parse(fields[2], CultureInfo.InvariantCulture), 1000L * long.Parse(fields[3], CultureInfo.InvariantCulture));
        }
        return table;
    }

    private static CsrMatrix Matrix(InteractionTable train)
        => CsrMatrix.FromCoordinates(train.UserKeys.Count, train.ItemKeys.Count, train.Users, train.Items, train.Values, DuplicateEntries.Last);

    /// <summary>
    /// Popularity on ML-100K against the calibration table of the evaluation design (measured with an
    /// independent numpy implementation, 2026-11-22): K = 10, rating &gt;= 4, test restricted to items
    /// known at training time. Tolerances cover tie order among equally popular items.
    /// </summary>
    [DatasetFact(MovieLens100KRatings)]
    public void Popularity_on_ml100k_global_split_matches_the_independent_calibration()
    {
        var all = LoadMovieLens100K();
        var split = TemporalSplit.Global(all, TemporalSplit.CutoffAtQuantile(all, 0.8), null);
        var result = EvaluatePopularity(split);
        Assert.Equal(95, result.UserCount);
        Assert.Equal(0.138, result.Metrics["ndcg@10"].Value, 0.001);
        Assert.Equal(0.086, result.Metrics["recall@10"].Value, 0.001);
        Assert.True(result.LowPower);
    }

    [DatasetFact(MovieLens100KRatings)]
    public void Popularity_on_ml100k_per_user_last_20_percent_matches_the_independent_calibration()
    {
        var split = TemporalSplit.PerUserLastFraction(LoadMovieLens100K(), 0.2);
        var result = EvaluatePopularity(split);
        Assert.Equal(906, result.UserCount);
        Assert.Equal(0.099, result.Metrics["ndcg@10"].Value, 0.0015);
        Assert.Equal(0.081, result.Metrics["recall@10"].Value, 0.001);
    }

    private ModelEvaluation EvaluatePopularity(EvaluationSplit split)
    {
        var train = Matrix(split.Train);
        var options = new EvaluationOptions { Ks = [10], ColdItemsAsMisses = false };
        var result = RankingEvaluator.Evaluate(new PopularityScorer(train), train, split.Test, options);
        output.WriteLine($"{split.Description.Label}: {result.UserCount} users, ndcg@10 {result.Metrics["ndcg@10"].Value:F4}, recall@10 {result.Metrics["recall@10"].Value:F4}");
        return result;
    }
}
