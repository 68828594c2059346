using System.Globalization;
using SparkRecs.Core.Data;
using SparkRecs.Core.Factorization;
using SparkRecs.Core.Recommend;

namespace SparkRecs.Benchmarks.Load;

/// <summary>
/// Synthetic artifacts shaped like a real run: warehouse-style string keys, random items and
/// scores from a fixed seed (so every run of the benchmark loads the same bytes), dense factors.
/// </summary>
internal static class BenchmarkArtifacts
{
    public static ModelArtifacts Create(int users, int items, int width, int rank, int similarWidth, int popular)
    {
        var random = new Random(20261123);
        var userKeys = new KeyIndex(users);
        for (int u = 0; u < users; u++)
        {
            userKeys.GetOrAdd("user-" + u.ToString("D7", CultureInfo.InvariantCulture));
        }
        var itemKeys = new KeyIndex(items);
        for (int i = 0; i < items; i++)
        {
            itemKeys.GetOrAdd("item-" + i.ToString("D6", CultureInfo.InvariantCulture));
        }
        var userFactors = new FactorMatrix(users, rank);
        var itemFactors = new FactorMatrix(items, rank);
        FillGaussianish(random, userFactors.Data);
        FillGaussianish(random, itemFactors.Data);
        return new ModelArtifacts(
            userKeys, itemKeys, userFactors, itemFactors,
            RandomLists(random, users, width, items),
            RandomLists(random, items, similarWidth, items),
            Enumerable.Range(0, popular).ToArray(),
            Enumerable.Range(0, popular).Select(p => (float)(popular - p)).ToArray());
    }

    private static TopNLists RandomLists(Random random, int rows, int width, int items)
    {
        var lists = new TopNLists(rows, width);
        for (int row = 0; row < rows; row++)
        {
            var ids = lists.Items(row);
            var scores = lists.Scores(row);
            // A stride walk from a random start gives distinct items without a hash set.
            int start = random.Next(items);
            int stride = 1 + (2 * random.Next(items / 4));
            float score = 5f;
            for (int k = 0; k < width; k++)
            {
                ids[k] = (int)((start + (long)k * stride) % items);
                score -= random.NextSingle() * 0.05f;
                scores[k] = score;
            }
        }
        return lists;
    }

    private static void FillGaussianish(Random random, float[] data)
    {
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = (random.NextSingle() + random.NextSingle() + random.NextSingle() - 1.5f) * 0.2f;
        }
    }
}
