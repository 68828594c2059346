using System.Globalization;
using SparkRecs.Core.Baselines;
using SparkRecs.Core.Data;
using SparkRecs.Core.Factorization;
using SparkRecs.Core.Recommend;
using SparkRecs.Pipeline.Config;
using SparkRecs.Pipeline.Progress;

namespace SparkRecs.Pipeline.Stages;

/// <summary>
/// Produces what a run serves: top-N per known user with seen items excluded, similar items per
/// item, and the popular fallback list for users the model does not know.
/// </summary>
public static class RecommendStage
{
    /// <summary>Computes the serving artifacts of <paramref name="model"/> trained on <paramref name="matrix"/>.</summary>
    public static ModelArtifacts Recommend(
        AlsModel model, InteractionMatrix matrix, KeyIndex userKeys, KeyIndex itemKeys,
        RecommendSettings settings, int threads, ProgressReporter progress, CancellationToken ct)
    {
        progress.BeginStage("recommend");
        int users = matrix.UserItem.Rows;
        long done = 0;
        var lists = TopNRecommender.RecommendAll(model.UserFactors, model.ItemFactors, matrix.UserItem, settings.TopN, threads,
            n => progress.Update(Interlocked.Add(ref done, n), users, "users"), ct);
        progress.Line(string.Create(CultureInfo.InvariantCulture, $"top-{settings.TopN} for {users:N0} users over {matrix.UserItem.Columns:N0} items"));

        var similar = settings.SimilarItems > 0
            ? SimilarItems.Compute(model.ItemFactors, settings.SimilarItems, threads, ct)
            : new TopNLists(model.ItemFactors.Rows, 0);
        var popular = PopularityModel.Fit(matrix.UserItem).TopItems(settings.Popular);
        progress.EndStage(string.Create(CultureInfo.InvariantCulture,
            $"{users:N0} users x top-{settings.TopN}, {model.ItemFactors.Rows:N0} items x {settings.SimilarItems} similar, {popular.Items.Length} popular"));
        return new ModelArtifacts(userKeys, itemKeys, model.UserFactors, model.ItemFactors, lists, similar, popular.Items, popular.Scores);
    }
}
