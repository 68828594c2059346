using SparkRecs.Core.Evaluation;
using SparkRecs.Core.Sparse;
using static SparkRecs.Core.Tests.Evaluation.EvaluationFixtures;

namespace SparkRecs.Core.Tests.Evaluation;

public class RankingEvaluatorTests
{
    [Fact]
    public void Fast_evaluator_matches_the_naive_reference_on_random_data_with_ties()
    {
        var (model, train, test, relevant) = RandomCase(users: 40, items: 30, seed: 7);
        var result = RankingEvaluator.Evaluate(model, train, test, Options(1, 4, 10));
        Assert.True(result.UserCount > 20);
        for (int row = 0; row < result.UserCount; row++)
        {
            int user = result.Users[row];
            var scores = new float[30];
            model.ScoreUser(user, scores);
            foreach (int k in new[] { 1, 4, 10 })
            {
                var expected = NaiveRankingReference.Metrics(scores, train, user, relevant[user], k);
                foreach (var (name, value) in expected)
                {
                    Assert.Equal(value, result.PerUser(name)[row], 1e-9);
                }
            }
        }
    }

    [Fact]
    public void Results_do_not_depend_on_the_thread_count()
    {
        var (model, train, test, _) = RandomCase(users: 60, items: 25, seed: 3);
        var one = RankingEvaluator.Evaluate(model, train, test, Options(5, 10) with { Threads = 1 });
        var two = RankingEvaluator.Evaluate(model, train, test, Options(5, 10) with { Threads = 2 });
        foreach (string metric in one.MetricColumns)
        {
            Assert.Equal(one.PerUser(metric).ToArray(), two.PerUser(metric).ToArray());
            Assert.Equal(one.Metrics[metric], two.Metrics[metric]);
        }
        Assert.Equal(one.TopLists.ItemArray, two.TopLists.ItemArray);
    }

    [Fact]
    public void Top_lists_never_contain_a_training_item_of_the_user()
    {
        var (model, train, test, _) = RandomCase(users: 30, items: 20, seed: 11);
        var result = RankingEvaluator.Evaluate(model, train, test, Options(10));
        for (int row = 0; row < result.UserCount; row++)
        {
            foreach (int item in result.TopLists.Items(row))
            {
                Assert.False(item >= 0 && train.Contains(result.Users[row], item));
            }
        }
    }

    [Fact]
    public void Max_users_samples_a_seeded_subset()
    {
        var (model, train, test, _) = RandomCase(users: 60, items: 25, seed: 5);
        var options = Options(5) with { MaxUsers = 10 };
        var first = RankingEvaluator.Evaluate(model, train, test, options);
        var again = RankingEvaluator.Evaluate(model, train, test, options);
        var other = RankingEvaluator.Evaluate(model, train, test, options with { Seed = 99 });
        Assert.Equal(10, first.UserCount);
        Assert.True(first.Counts.EvaluableUsers > 10);
        Assert.Equal(first.Users.ToArray(), again.Users.ToArray());
        Assert.NotEqual(first.Users.ToArray(), other.Users.ToArray());
    }

    [Fact]
    public void Segments_split_users_into_activity_quartiles_with_counts()
    {
        // Eight users with 1..8 training items; every user's test item is item 9.
        var entries = new List<(int, int)>();
        for (int u = 0; u < 8; u++)
        {
            for (int i = 0; i <= u; i++)
            {
                entries.Add((u, i));
            }
        }
        entries.Add((8, 9));
        var train = Matrix(9, 10, [.. entries]);
        var test = Test(Enumerable.Range(0, 8).Select(u => (u, 9, 5f)).ToArray());
        var model = FixedScoreModel.Same("constant", 9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1);
        var result = RankingEvaluator.Evaluate(model, train, test, Options(1));
        Assert.Equal(4, result.Segments.Count);
        Assert.All(result.Segments, s => Assert.Equal(2, s.Users));
        Assert.Equal((1, 2), (result.Segments[0].MinActivity, result.Segments[0].MaxActivity));
        Assert.Equal((7, 8), (result.Segments[3].MinActivity, result.Segments[3].MaxActivity));
        Assert.StartsWith("Q1", result.Segments[0].Name);
        Assert.All(result.Segments, s => Assert.Equal(1, s.Metrics["hitrate@1"]));
    }

    [Fact]
    public void Fewer_than_200_users_raise_the_low_power_flag()
    {
        var (model, train, test) = HandCase();
        Assert.True(RankingEvaluator.Evaluate(model, train, test, Options()).LowPower);
    }

    /// <summary>Random binary training data, random scores on a coarse grid (many ties), random relevant test items.</summary>
    internal static (FixedScoreModel Model, CsrMatrix Train, TestSet Test, Dictionary<int, HashSet<int>> Relevant) RandomCase(int users, int items, int seed)
    {
        var random = new Random(seed);
        var entries = new HashSet<(int, int)>();
        for (int u = 0; u < users; u++)
        {
            int count = 1 + random.Next(items / 3);
            for (int c = 0; c < count; c++)
            {
                entries.Add((u, random.Next(items - 2)));
            }
        }
        var train = Matrix(users, items, [.. entries]);
        var scores = Enumerable.Range(0, users)
            .Select(_ => Enumerable.Range(0, items).Select(_ => random.Next(6) / 5f).ToArray()).ToArray();
        var events = new List<(int, int, float)>();
        var relevant = new Dictionary<int, HashSet<int>>();
        for (int u = 0; u < users; u++)
        {
            relevant[u] = [];
            for (int c = 0; c < 4; c++)
            {
                int item = random.Next(items - 2);
                float rating = 1 + random.Next(5);
                events.Add((u, item, rating));
                if (rating >= 4 && !train.Contains(u, item))
                {
                    relevant[u].Add(item);
                }
            }
        }
        return (new FixedScoreModel("random", scores), train, Test([.. events]), relevant);
    }
}
