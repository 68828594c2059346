namespace SparkRecs.Core.Evaluation;

/// <summary>
/// All per-user ranking metrics of one user from the ranks of its relevant items, in one pass per K.
/// Writes into the column layout of <see cref="MetricNames.Columns"/>.
/// </summary>
/// <remarks>
/// Inputs per relevant item i in R_u (warm and cold): rank_u(i) (1-based among candidates,
/// <see cref="UserRanker.Unranked"/> for items that can never be recommended), the count of
/// non-relevant candidates ranked below it, and the inverse-propensity weight w_i = 1 / p_i.
/// Definitions (EVALUATION.md), with R = |R_u|, hits@K = #{i : rank(i) &lt;= K}:
/// <list type="bullet">
/// <item>Precision@K = hits / K (K even when fewer than K candidates exist).</item>
/// <item>Recall@K = hits / R. HitRate@K = 1[hits &gt; 0].</item>
/// <item>AP@K = (1 / min(K, R)) * sum over hits of (j / rank_j), rank_j the rank of the j-th hit.</item>
/// <item>nDCG@K = sum_hits 1/log2(rank+1) / sum_{k=1}^{min(K,R)} 1/log2(k+1).</item>
/// <item>MRR@K = 1 / rank of the first hit within K, else 0.</item>
/// <item>AUC = sum_i below(i) / (R * non-relevant candidates); an unrankable item contributes 0
/// pairs ordered correctly (a miss); with no non-relevant candidate there is no pair, and AUC is 0.5.</item>
/// <item>SNIPS: sum_i w_i g(i) / sum_i w_i with g = 1[rank &lt;= K] (recall), the AUC share (AUC);
/// nDCG: sum_hits w_i / log2(rank+1) over the weighted ideal sum_{k=1}^{min(K,R)} w_(k) / log2(k+1),
/// w_(k) the weights sorted descending.</item>
/// <item>IPS: sum_i w_i g(i) / R (recall, AUC); nDCG: weighted DCG over the unweighted IDCG.
/// With every w_i = 1 IPS and SNIPS equal the naive numbers.</item>
/// </list>
/// </remarks>
internal static class UserMetrics
{
    /// <summary>1 / log2(k + 1) for k = 1..maxK, at index k - 1.</summary>
    internal static double[] Discounts(int maxK)
    {
        var d = new double[maxK];
        for (int k = 1; k <= maxK; k++)
        {
            d[k - 1] = 1.0 / Math.Log2(k + 1);
        }
        return d;
    }

    /// <summary>
    /// Computes every column for user <paramref name="user"/>. <paramref name="ranks"/>,
    /// <paramref name="below"/> and <paramref name="weights"/> are aligned over all of R_u;
    /// they are reordered in place (sorted by rank).
    /// </summary>
    internal static void Compute(
        IReadOnlyList<int> ks, double[] discounts, Span<int> ranks, ReadOnlySpan<int> below, Span<double> weights,
        int nonRelevant, double[][] columns, int user, Span<double> sortedWeights)
    {
        int r = ranks.Length;
        double aucShareSum = 0;
        double aucWeighted = 0;
        double weightSum = 0;
        for (int i = 0; i < r; i++)
        {
            double share = nonRelevant == 0 ? 0.5 : (double)below[i] / nonRelevant;
            aucShareSum += share;
            aucWeighted += weights[i] * share;
            weightSum += weights[i];
        }
        weights.CopyTo(sortedWeights);
        sortedWeights = sortedWeights[..r];
        sortedWeights.Sort();
        sortedWeights.Reverse();
        ranks.Sort(weights);

        for (int ki = 0; ki < ks.Count; ki++)
        {
            int k = ks[ki];
            int hits = 0;
            double ap = 0;
            double dcg = 0;
            double dcgWeighted = 0;
            double hitWeight = 0;
            double mrr = 0;
            for (int i = 0; i < r && ranks[i] <= k; i++)
            {
                int rank = ranks[i];
                hits++;
                ap += (double)hits / rank;
                double discount = discounts[rank - 1];
                dcg += discount;
                dcgWeighted += weights[i] * discount;
                hitWeight += weights[i];
                if (hits == 1)
                {
                    mrr = 1.0 / rank;
                }
            }
            int ideal = Math.Min(k, r);
            double idcg = 0;
            double idcgWeighted = 0;
            for (int j = 0; j < ideal; j++)
            {
                idcg += discounts[j];
                idcgWeighted += sortedWeights[j] * discounts[j];
            }
            int c = ki * MetricNames.ColumnsPerK;
            columns[c + 0][user] = (double)hits / k;
            columns[c + 1][user] = (double)hits / r;
            columns[c + 2][user] = hits > 0 ? 1 : 0;
            columns[c + 3][user] = ap / ideal;
            columns[c + 4][user] = dcg / idcg;
            columns[c + 5][user] = mrr;
            columns[c + 6][user] = hitWeight / weightSum;
            columns[c + 7][user] = dcgWeighted / idcgWeighted;
            columns[c + 8][user] = hitWeight / r;
            columns[c + 9][user] = dcgWeighted / idcg;
        }
        int a = ks.Count * MetricNames.ColumnsPerK;
        columns[a][user] = aucShareSum / r;
        columns[a + 1][user] = aucWeighted / weightSum;
        columns[a + 2][user] = aucWeighted / r;
    }
}
