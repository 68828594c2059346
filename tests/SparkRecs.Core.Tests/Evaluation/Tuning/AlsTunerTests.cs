using SparkRecs.Core.Data;
using SparkRecs.Core.Errors;
using SparkRecs.Core.Evaluation;
using SparkRecs.Core.Evaluation.Tuning;

namespace SparkRecs.Core.Tests.Evaluation.Tuning;

public class AlsTunerTests
{
    private static readonly AlsSearchSpace RankSpace = new() { Ranks = [1, 3], RegParams = [0.1f], Alphas = [1f], Iterations = [10] };

    [Fact]
    public void Tuner_picks_the_rank_that_separates_planted_communities()
    {
        var validation = PlantedClusters.Validation(PlantedClusters.Table());
        var result = AlsTuner.Tune(validation, RankSpace, PlantedClusters.Options());

        Assert.Equal(2, result.Trials.Count);
        Assert.Equal(3, result.BestOptions.Rank);
        var rankOne = result.Trials.Single(t => t.Rank == 1);
        Assert.True(result.Best.Value.Value > rankOne.Value.Value + 0.2,
            $"rank 3 scored {result.Best.Value.Value:F3}, rank 1 {rankOne.Value.Value:F3}: the planted structure should separate them clearly");
        Assert.Equal(result.Best.Value, result.Best.Metrics["ndcg@5"]);
    }

    [Fact]
    public void Trials_are_ranked_by_the_selection_metric_and_keep_their_options()
    {
        var space = RankSpace with { RegParams = [0.1f, 30f], Alphas = [1f, 10f] };
        var result = AlsTuner.Tune(PlantedClusters.Validation(PlantedClusters.Table()), space, PlantedClusters.Options());

        Assert.Equal(8, result.Trials.Count);
        for (int k = 1; k < result.Trials.Count; k++)
        {
            Assert.True(result.Trials[k - 1].Value.Value >= result.Trials[k].Value.Value);
        }
        Assert.Equal(Enumerable.Range(0, 8), result.Trials.Select(t => t.Trial).Order());
        var candidates = AlsTuner.Candidates(space, PlantedClusters.Options());
        foreach (var trial in result.Trials)
        {
            Assert.Equal(candidates[trial.Trial], trial.Options);
            Assert.True(trial.Users > 0);
            Assert.True(trial.Value.CiLow <= trial.Value.Value && trial.Value.Value <= trial.Value.CiHigh);
        }
        Assert.Null(result.Seed);
        Assert.True(result.LowPower);
    }

    [Fact]
    public void Random_search_gives_identical_trials_for_the_same_seed()
    {
        var space = RankSpace with { RegParamRange = new LogUniformRange(0.01, 100), AlphaRange = new LogUniformRange(0.5, 20) };
        var validation = PlantedClusters.Validation(PlantedClusters.Table());
        var first = AlsTuner.Tune(validation, space, PlantedClusters.Options(SearchKind.Random, seed: 5));
        var second = AlsTuner.Tune(validation, space, PlantedClusters.Options(SearchKind.Random, seed: 5));
        var other = AlsTuner.Tune(validation, space, PlantedClusters.Options(SearchKind.Random, seed: 6));

        Assert.Equal(4, first.Trials.Count);
        Assert.Equal(first.Trials.Select(t => (t.Trial, t.Options, t.Value)), second.Trials.Select(t => (t.Trial, t.Options, t.Value)));
        Assert.Equal(5UL, first.Seed);
        Assert.NotEqual(first.Trials.Select(t => t.Options.RegParam).Order(), other.Trials.Select(t => t.Options.RegParam).Order());
    }

    [Fact]
    public void Tuning_result_is_unchanged_when_the_test_window_changes()
    {
        var all = PlantedClusters.Table();
        var rewritten = RewriteFromTestCutoff(all);
        var space = RankSpace with { RegParams = [0.1f, 30f] };

        var original = AlsTuner.Tune(PlantedClusters.Validation(all), space, PlantedClusters.Options());
        var altered = AlsTuner.Tune(PlantedClusters.Validation(rewritten), space, PlantedClusters.Options());

        Assert.Equal(original.Trials.Select(t => (t.Options, t.Value, t.Users)), altered.Trials.Select(t => (t.Options, t.Value, t.Users)));
        Assert.Equal(original.Trials.Select(t => t.Metrics.ToArray()), altered.Trials.Select(t => t.Metrics.ToArray()));
    }

    [Fact]
    public void Validation_split_holds_no_event_at_or_after_the_test_cutoff()
    {
        var validation = PlantedClusters.Validation(PlantedClusters.Table());
        long validationCutoff = PlantedClusters.TestCutoff - PlantedClusters.Horizon;

        Assert.All(validation.Train.Timestamps.ToArray(), t => Assert.True(t < validationCutoff));
        Assert.NotEmpty(validation.Test.Timestamps.ToArray());
        Assert.All(validation.Test.Timestamps.ToArray(), t => Assert.InRange(t, validationCutoff, PlantedClusters.TestCutoff - 1));
    }

    [Fact]
    public void Progress_is_reported_once_per_trial_with_the_best_so_far()
    {
        var reports = new List<TuningProgress>();
        var result = AlsTuner.Tune(PlantedClusters.Validation(PlantedClusters.Table()), RankSpace, PlantedClusters.Options(), reports.Add);

        Assert.Equal([1, 2], reports.Select(r => r.Completed));
        Assert.All(reports, r => Assert.Equal(2, r.Total));
        Assert.Equal([0, 1], reports.Select(r => r.Trial.Trial));
        Assert.Same(result.Best, reports[^1].Best);
        Assert.Same(reports[0].Trial, reports[0].Best);
    }

    [Fact]
    public void Tuning_result_serialises_with_stable_snake_case_keys()
    {
        var result = AlsTuner.Tune(PlantedClusters.Validation(PlantedClusters.Table()), RankSpace, PlantedClusters.Options());
        using var json = System.Text.Json.JsonDocument.Parse(System.Text.Json.JsonSerializer.Serialize(result));
        var root = json.RootElement;

        Assert.Equal("grid", root.GetProperty("search").GetString());
        Assert.Equal("ndcg@5", root.GetProperty("selection_metric").GetString());
        Assert.Equal(result.ValidationUsers, root.GetProperty("validation_users").GetInt32());
        Assert.Equal("global_temporal", root.GetProperty("validation").GetProperty("kind").GetString());
        var best = root.GetProperty("trials")[0];
        Assert.Equal(3, best.GetProperty("rank").GetInt32());
        Assert.Equal(0.1, best.GetProperty("reg_param").GetDouble(), 1e-6);
        Assert.Equal(result.Best.Value.Value, best.GetProperty("value").GetProperty("value").GetDouble());
        Assert.True(best.GetProperty("metrics").TryGetProperty("snips:ndcg@5", out _));
        Assert.False(best.TryGetProperty("Options", out _));
    }

    [Fact]
    public void Selection_metric_that_is_not_computed_is_refused_naming_the_key()
    {
        var options = PlantedClusters.Options() with { SelectionMetric = "ndcg@10" };
        var error = Assert.Throws<ConfigurationException>(() => AlsTuner.Tune(PlantedClusters.Validation(PlantedClusters.Table()), RankSpace, options));

        Assert.Equal("tuning:selectionMetric", error.Key);
        Assert.Contains("ndcg@5", error.Message);
    }

    [Fact]
    public void Snips_selection_metric_ranks_by_the_weighted_column()
    {
        var options = PlantedClusters.Options() with { SelectionMetric = "snips:ndcg@5" };
        var result = AlsTuner.Tune(PlantedClusters.Validation(PlantedClusters.Table()), RankSpace, options);

        Assert.All(result.Trials, t => Assert.Equal(t.Metrics["snips:ndcg@5"], t.Value));
        Assert.Equal("snips:ndcg@5", result.SelectionMetric);
    }

    [Fact]
    public void Validation_without_evaluable_users_is_a_data_error()
    {
        var all = PlantedClusters.Table();
        var lowRated = new InteractionTable(all.UserKeys, all.ItemKeys, all.Count);
        for (int k = 0; k < all.Count; k++)
        {
            lowRated.Add(all.Users[k], all.Items[k], 2f, all.Timestamps[k]);
        }

        var error = Assert.Throws<DataException>(() => AlsTuner.Tune(PlantedClusters.Validation(lowRated), RankSpace, PlantedClusters.Options()));
        Assert.Contains("no evaluable user", error.Message);
    }

    [Fact]
    public void Matrix_builder_in_another_id_space_is_refused()
    {
        var options = PlantedClusters.Options() with
        {
            BuildMatrix = t => TrainingMatrix.Binary(t).Transpose(),
        };
        Assert.Throws<ArgumentException>(() => AlsTuner.Tune(PlantedClusters.Validation(PlantedClusters.Table()), RankSpace, options));
    }

    [Fact]
    public void Cancellation_stops_the_search()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(
            () => AlsTuner.Tune(PlantedClusters.Validation(PlantedClusters.Table()), RankSpace, PlantedClusters.Options(), ct: cancel.Token));
    }

    /// <summary>
    /// The same events before the test cutoff; from the cutoff on, every event moved to another item
    /// with a low rating, and extra events by new users and on new items added.
    /// </summary>
    private static InteractionTable RewriteFromTestCutoff(InteractionTable all)
    {
        var table = new InteractionTable(capacity: all.Count + 10);
        for (int k = 0; k < all.Count; k++)
        {
            string user = all.UserKeys.KeyOf(all.Users[k]);
            string item = all.ItemKeys.KeyOf(all.Items[k]);
            long time = all.Timestamps[k];
            if (time >= PlantedClusters.TestCutoff)
            {
                table.Add(user, "i" + ((all.Items[k] + 7) % all.ItemKeys.Count), 1f, time);
            }
            else
            {
                table.Add(user, item, all.Values[k], time);
            }
        }
        for (int extra = 0; extra < 10; extra++)
        {
            table.Add($"late-user-{extra}", $"late-item-{extra}", 5f, PlantedClusters.TestCutoff + extra);
        }
        return table;
    }
}
