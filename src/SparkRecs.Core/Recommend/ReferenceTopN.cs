using SparkRecs.Core.Factorization;
using SparkRecs.Core.Sparse;

namespace SparkRecs.Core.Recommend;

/// <summary>
/// The naive top-N kept beside the fast one, for tests: score every item, drop the excluded ones,
/// sort the whole catalogue, keep the first N. Obviously correct and slow (O(items log items) per
/// row, a full score array per row).
/// </summary>
/// <remarks>
/// It defines the same order as the fast path (higher score first, lower item id on ties, NaN never
/// listed, padding item -1 with score 0). Its dot product is the scalar definition the blocked
/// kernel reproduces bit for bit: fused multiply-adds in factor order from 0.
/// </remarks>
internal static class ReferenceTopN
{
    /// <summary>Top-N by dot product of factors, items of each user's row of <paramref name="seen"/> excluded.</summary>
    public static TopNLists RecommendAll(FactorMatrix users, FactorMatrix items, CsrMatrix? seen, int n)
    {
        var result = new TopNLists(users.Rows, n);
        var scores = new float[items.Rows];
        for (int u = 0; u < users.Rows; u++)
        {
            for (int i = 0; i < items.Rows; i++)
            {
                scores[i] = Dot(users.Row(u), items.Row(i));
            }
            Fill(result, u, scores, seen is null ? [] : seen.RowIndices(u), n);
        }
        return result;
    }

    /// <summary>Top-N from <see cref="IScoringModel.ScoreUser"/>, items of each user's row of <paramref name="seen"/> excluded.</summary>
    public static TopNLists RecommendFromScores(IScoringModel model, CsrMatrix? seen, int n)
    {
        var result = new TopNLists(model.UserCount, n);
        var scores = new float[model.ItemCount];
        for (int u = 0; u < model.UserCount; u++)
        {
            model.ScoreUser(u, scores);
            Fill(result, u, scores, seen is null ? [] : seen.RowIndices(u), n);
        }
        return result;
    }

    /// <summary>
    /// Most similar items by cosine, computed in double as <c>a.b / (|a| |b|)</c>; the item itself and
    /// zero-norm items excluded, a zero-norm item's own list empty.
    /// </summary>
    public static TopNLists SimilarItems(FactorMatrix items, int n)
    {
        var result = new TopNLists(items.Rows, n);
        var norms = new double[items.Rows];
        for (int i = 0; i < items.Rows; i++)
        {
            double sum = 0;
            foreach (float x in items.Row(i))
            {
                sum += (double)x * x;
            }
            norms[i] = Math.Sqrt(sum);
        }
        var scores = new float[items.Rows];
        for (int i = 0; i < items.Rows; i++)
        {
            for (int j = 0; j < items.Rows; j++)
            {
                if (norms[i] == 0 || norms[j] == 0 || i == j)
                {
                    scores[j] = float.NaN;
                    continue;
                }
                double dot = 0;
                var a = items.Row(i);
                var b = items.Row(j);
                for (int k = 0; k < a.Length; k++)
                {
                    dot += (double)a[k] * b[k];
                }
                scores[j] = (float)(dot / (norms[i] * norms[j]));
            }
            Fill(result, i, scores, [], n);
        }
        return result;
    }

    /// <summary>Scalar dot product: one fused multiply-add per factor, in factor order, from 0.</summary>
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        float sum = 0;
        for (int k = 0; k < a.Length; k++)
        {
            sum = MathF.FusedMultiplyAdd(a[k], b[k], sum);
        }
        return sum;
    }

    private static void Fill(TopNLists result, int row, float[] scores, ReadOnlySpan<int> excluded, int n)
    {
        var candidates = new List<(int Item, float Score)>(scores.Length);
        for (int i = 0; i < scores.Length; i++)
        {
            if (!float.IsNaN(scores[i]) && excluded.BinarySearch(i) < 0)
            {
                candidates.Add((i, scores[i]));
            }
        }
        candidates.Sort((x, y) => x.Score != y.Score ? y.Score.CompareTo(x.Score) : x.Item.CompareTo(y.Item));
        var itemSlots = result.Items(row);
        var scoreSlots = result.Scores(row);
        for (int k = 0; k < n; k++)
        {
            itemSlots[k] = k < candidates.Count ? candidates[k].Item : -1;
            scoreSlots[k] = k < candidates.Count ? candidates[k].Score : 0f;
        }
    }
}
