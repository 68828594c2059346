using SparkRecs.Core.Baselines;
using SparkRecs.Core.Recommend;
using SparkRecs.Core.Sparse;
using SparkRecs.Core.Tests.Recommend;

namespace SparkRecs.Core.Tests.Baselines;

public class ItemKnnModelTests
{
    // Users of each item: U(0) = {0,1,3}, U(1) = {0,1,2}, U(2) = {1,2}, U(3) = {3}. Values vary on
    // purpose: the model binarises. Hand-computed cosines |U(i) n U(j)| / sqrt(|U(i)||U(j)|):
    // sim(0,1) = 2/3, sim(0,2) = 1/sqrt(6), sim(0,3) = 1/sqrt(3), sim(1,2) = 2/sqrt(6), others 0.
    private static readonly CsrMatrix Training = CsrMatrix.FromCoordinates(
        4, 4,
        [0, 0, 1, 1, 1, 2, 2, 3, 3],
        [0, 1, 0, 1, 2, 1, 2, 0, 3],
        [5f, 1f, 0.5f, 2f, 1f, 3f, 1f, 1f, 4f]);

    private static readonly double Sim01 = 2.0 / 3.0;
    private static readonly double Sim02 = 1 / Math.Sqrt(6);
    private static readonly double Sim03 = 1 / Math.Sqrt(3);
    private static readonly double Sim12 = 2 / Math.Sqrt(6);

    [Fact]
    public void Similarities_are_the_cosine_of_binarised_item_columns()
    {
        var model = ItemKnnModel.Fit(Training, threads: 1);

        AssertRow(model.Similarities, 0, [1, 2, 3], [Sim01, Sim02, Sim03]);
        AssertRow(model.Similarities, 1, [0, 2], [Sim01, Sim12]);
        AssertRow(model.Similarities, 2, [0, 1], [Sim02, Sim12]);
        AssertRow(model.Similarities, 3, [0], [Sim03]);
    }

    [Fact]
    public void Scores_sum_the_similarities_of_the_users_items()
    {
        var model = ItemKnnModel.Fit(Training, threads: 1);
        var scores = new float[4];

        model.ScoreUser(2, scores); // items 1 and 2

        Assert.Equal(Sim01 + Sim02, scores[0], 1e-6);
        Assert.Equal(Sim12, scores[1], 1e-6);
        Assert.Equal(Sim12, scores[2], 1e-6);
        Assert.Equal(0, scores[3]);
    }

    [Fact]
    public void Only_the_k_most_similar_neighbours_are_kept_and_scored()
    {
        var model = ItemKnnModel.Fit(Training, new ItemKnnOptions { Neighbors = 1 }, threads: 1);
        var scores = new float[4];

        model.ScoreUser(3, scores); // items 0 and 3

        AssertRow(model.Similarities, 0, [1], [Sim01]);
        AssertRow(model.Similarities, 1, [2], [Sim12]);
        AssertRow(model.Similarities, 2, [1], [Sim12]);
        AssertRow(model.Similarities, 3, [0], [Sim03]);
        Assert.Equal(new[] { (float)Sim03, (float)Sim01, 0f, 0f }, scores);
    }

    [Fact]
    public void Shrinkage_scales_by_shared_users()
    {
        var model = ItemKnnModel.Fit(Training, new ItemKnnOptions { Shrinkage = 1f }, threads: 1);

        // sim * c / (c + 1): c = 2 for (0,1) and (1,2), c = 1 for (0,2) and (0,3).
        AssertRow(model.Similarities, 0, [1, 2, 3], [Sim01 * 2 / 3, Sim02 / 2, Sim03 / 2]);
        AssertRow(model.Similarities, 1, [0, 2], [Sim01 * 2 / 3, Sim12 * 2 / 3]);
    }

    [Fact]
    public void Similarities_below_the_minimum_are_dropped()
    {
        var model = ItemKnnModel.Fit(Training, new ItemKnnOptions { MinSimilarity = 0.5f }, threads: 1);

        AssertRow(model.Similarities, 0, [1, 3], [Sim01, Sim03]);
        AssertRow(model.Similarities, 2, [1], [Sim12]);
    }

    [Fact]
    public void Neighbourhoods_equal_a_brute_force_cosine_on_a_random_matrix()
    {
        // More than one block of items, several threads.
        var training = TestData.RandomSeen(80, 600, 0.03, seed: 21);
        var model = ItemKnnModel.Fit(training, new ItemKnnOptions { Neighbors = 7 }, threads: 3);

        var users = Enumerable.Range(0, 600).Select(i => new HashSet<int>()).ToArray();
        for (int u = 0; u < training.Rows; u++)
        {
            foreach (int i in training.RowIndices(u))
            {
                users[i].Add(u);
            }
        }
        for (int i = 0; i < 600; i++)
        {
            var expected = Enumerable.Range(0, 600)
                .Where(j => j != i)
                .Select(j => (Item: j, Shared: users[i].Intersect(users[j]).Count()))
                .Where(p => p.Shared > 0)
                .Select(p => (p.Item, Sim: (float)(p.Shared / Math.Sqrt((double)users[i].Count * users[p.Item].Count))))
                .OrderByDescending(p => p.Sim).ThenBy(p => p.Item)
                .Take(7)
                .OrderBy(p => p.Item)
                .ToArray();
            Assert.Equal(expected.Select(p => p.Item), model.Similarities.RowIndices(i).ToArray());
            Assert.Equal(expected.Select(p => p.Sim), model.Similarities.RowValues(i).ToArray());
        }
    }

    [Fact]
    public void The_model_is_identical_for_any_thread_count()
    {
        var training = TestData.RandomSeen(50, 700, 0.05, seed: 3);

        var one = ItemKnnModel.Fit(training, new ItemKnnOptions { Neighbors = 10 }, threads: 1).Similarities;
        var four = ItemKnnModel.Fit(training, new ItemKnnOptions { Neighbors = 10 }, threads: 4).Similarities;

        Assert.Equal(one.RowPointers.ToArray(), four.RowPointers.ToArray());
        Assert.Equal(one.ColumnIndices.ToArray(), four.ColumnIndices.ToArray());
        Assert.Equal(one.Values.ToArray(), four.Values.ToArray());
    }

    [Fact]
    public void Topn_from_item_knn_excludes_seen_items()
    {
        var model = ItemKnnModel.Fit(Training, threads: 1);

        var lists = TopNRecommender.RecommendFromScores(model, Training, 2, threads: 1);

        Assert.Equal(new[] { 0, 3 }, lists.Items(2).ToArray()); // 0 scores Sim01 + Sim02 > 0, then the 0-score item 3
        Assert.Equal(new[] { 2, 3 }, lists.Items(0).ToArray());
    }

    [Theory]
    [InlineData(0, 0f, 0f, "Neighbors")]
    [InlineData(5, -1f, 0f, "Shrinkage")]
    [InlineData(5, 0f, float.NaN, "MinSimilarity")]
    public void Invalid_options_are_rejected_by_name(int neighbors, float shrinkage, float minSimilarity, string name)
    {
        var options = new ItemKnnOptions { Neighbors = neighbors, Shrinkage = shrinkage, MinSimilarity = minSimilarity };

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ItemKnnModel.Fit(Training, options));

        Assert.Equal(name, error.ParamName);
    }

    private static void AssertRow(CsrMatrix similarities, int row, int[] items, double[] values)
    {
        Assert.Equal(items, similarities.RowIndices(row).ToArray());
        var actual = similarities.RowValues(row);
        Assert.Equal(values.Length, actual.Length);
        for (int k = 0; k < values.Length; k++)
        {
            Assert.Equal(values[k], actual[k], 1e-6);
        }
    }
}
