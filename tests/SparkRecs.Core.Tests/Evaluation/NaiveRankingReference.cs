using SparkRecs.Core.Evaluation;
using SparkRecs.Core.Sparse;

namespace SparkRecs.Core.Tests.Evaluation;

/// <summary>
/// A deliberately simple reference for the evaluator: sort every candidate by (score desc, id asc),
/// read ranks off the sorted list, and apply the textbook formulas item by item.
/// </summary>
internal static class NaiveRankingReference
{
    /// <summary>The naive metrics of one user: recall@k, precision@k, ndcg@k, map@k, mrr@k, auc.</summary>
    internal static Dictionary<string, double> Metrics(float[] scores, CsrMatrix train, int user, HashSet<int> relevant, int k)
    {
        var seen = new HashSet<int>(train.RowIndices(user).ToArray());
        var popular = ItemPropensity.TrainingCounts(train);
        var candidates = Enumerable.Range(0, scores.Length)
            .Where(i => popular[i] > 0 && !seen.Contains(i))
            .OrderByDescending(i => scores[i]).ThenBy(i => i).ToList();
        var relevantCandidates = relevant.Where(candidates.Contains).ToHashSet();
        int r = relevant.Count;
        var top = candidates.Take(k).ToList();
        int hits = top.Count(relevant.Contains);
        double ap = 0;
        double dcg = 0;
        double mrr = 0;
        int found = 0;
        for (int pos = 0; pos < top.Count; pos++)
        {
            if (relevant.Contains(top[pos]))
            {
                found++;
                ap += (double)found / (pos + 1);
                dcg += 1 / Math.Log2(pos + 2);
                mrr = mrr == 0 ? 1.0 / (pos + 1) : mrr;
            }
        }
        double idcg = Enumerable.Range(1, Math.Min(k, r)).Sum(j => 1 / Math.Log2(j + 1));
        var negatives = candidates.Where(i => !relevant.Contains(i)).ToList();
        double pairs = 0;
        foreach (int pos in relevantCandidates)
        {
            int at = candidates.IndexOf(pos);
            pairs += negatives.Count(n => candidates.IndexOf(n) > at);
        }
        return new Dictionary<string, double>
        {
            [$"recall@{k}"] = (double)hits / r,
            [$"precision@{k}"] = (double)hits / k,
            [$"ndcg@{k}"] = dcg / idcg,
            [$"map@{k}"] = ap / Math.Min(k, r),
            [$"mrr@{k}"] = mrr,
            ["auc"] = negatives.Count == 0 ? 0.5 : pairs / (r * (double)negatives.Count),
        };
    }
}
