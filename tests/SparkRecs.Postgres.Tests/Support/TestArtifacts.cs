using SparkRecs.Core.Data;
using SparkRecs.Core.Factorization;
using SparkRecs.Core.Recommend;

namespace SparkRecs.Postgres.Tests.Support;

/// <summary>
/// Deterministic model artifacts whose every score equals the run's <c>marker</c>, so a reader
/// can tell from a result set which run it came from (and whether it mixes two).
/// </summary>
public static class TestArtifacts
{
    public static ModelArtifacts Create(int users, int items, int width, int rank = 4, float marker = 1f, int popular = 10, int shortEvery = 0)
    {
        var userKeys = new KeyIndex(users);
        for (int u = 0; u < users; u++)
        {
            userKeys.GetOrAdd($"u{u}");
        }
        var itemKeys = new KeyIndex(items);
        for (int i = 0; i < items; i++)
        {
            itemKeys.GetOrAdd($"i{i}");
        }
        var userFactors = new FactorMatrix(users, rank);
        var itemFactors = new FactorMatrix(items, rank);
        for (int k = 0; k < userFactors.Data.Length; k++)
        {
            userFactors.Data[k] = marker + k * 0.001f;
        }
        for (int k = 0; k < itemFactors.Data.Length; k++)
        {
            itemFactors.Data[k] = -marker - k * 0.5f;
        }
        var recs = new TopNLists(users, width);
        for (int u = 0; u < users; u++)
        {
            // Every shortEvery-th user has a list of half the width (padding with -1 follows).
            int length = shortEvery > 0 && u % shortEvery == 0 ? width / 2 : width;
            for (int k = 0; k < length; k++)
            {
                recs.Items(u)[k] = (u + k * 7 + (int)marker) % items;
                recs.Scores(u)[k] = marker;
            }
        }
        var similar = new TopNLists(items, Math.Min(width, items - 1));
        for (int i = 0; i < items; i++)
        {
            for (int k = 0; k < similar.Width; k++)
            {
                similar.Items(i)[k] = (i + k + 1) % items;
                similar.Scores(i)[k] = marker;
            }
        }
        int[] popularItems = Enumerable.Range(0, Math.Min(popular, items)).ToArray();
        float[] popularScores = popularItems.Select(_ => marker).ToArray();
        return new ModelArtifacts(userKeys, itemKeys, userFactors, itemFactors, recs, similar, popularItems, popularScores);
    }
}
