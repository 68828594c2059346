using System.Diagnostics;
using SparkRecs.Core.Errors;
using SparkRecs.Core.Factorization;
using SparkRecs.Core.Sparse;

namespace SparkRecs.Core.Evaluation.Tuning;

/// <summary>
/// Chooses ALS hyper-parameters (rank, regularization, alpha, iterations, solver, regularization
/// scaling) by grid or seeded random search, measuring every trial on a validation split only.
/// </summary>
/// <remarks>
/// <para><b>Protocol.</b> The caller passes the validation split, never the test split:</para>
/// <list type="bullet">
/// <item>Global temporal protocol: <see cref="TemporalSplit.ValidationSplit"/> with the test cutoff T
/// and a horizon h trains on t &lt; T_v = T - h and validates on [T_v, T). No event at or after T
/// reaches the tuner, so the test window is never touched while tuning.</item>
/// <item>Per-user protocols: split the training part of the test split again the same way (e.g.
/// <c>TemporalSplit.PerUserLastFraction(testSplit.Train, 0.2)</c>), so validation events are each
/// user's latest training events and the held-out test events stay unseen.</item>
/// </list>
/// <para>Each trial builds nothing from the test window: the training matrix comes from the validation
/// split's training table through <see cref="AlsTuningOptions.BuildMatrix"/> (built once and shared by
/// all trials), ALS is trained with the trial's options, and <see cref="RankingEvaluator"/> scores it on
/// the validation events with <see cref="AlsTuningOptions.Evaluation"/>. Trials are ranked by
/// <see cref="AlsTuningOptions.SelectionMetric"/> (higher first; equal values keep trial order).
/// Afterwards the pipeline retrains <see cref="TuningResult.BestOptions"/> on all data before T
/// (the test split's training table) and measures that model once on the test window; that is the
/// number to report, since the winning validation value is biased upwards by the selection itself.</para>
/// <para><b>Determinism.</b> The points tried depend only on the space and
/// <see cref="AlsTuningOptions.Seed"/>; ALS is bit-identical for its seed whatever the thread count,
/// and the evaluation is seeded, so a rerun gives the same trials, values and ranking (only the
/// timings differ).</para>
/// <para><b>Power.</b> The selection is only as good as the validation sample: with under 200
/// validation users (<see cref="TuningResult.LowPower"/>) the top trials' intervals overlap and the
/// winner among them is partly luck. Prefer a short list of plausible values over a fine grid
/// then; a finer grid mostly fits the noise of the validation window.</para>
/// </remarks>
public static class AlsTuner
{
    /// <summary>Largest grid accepted: a bigger one is almost certainly a configuration mistake (use random search).</summary>
    public const long MaxGridSize = 10_000;

    /// <summary>Trains and validates every point of <paramref name="space"/> chosen by <see cref="AlsTuningOptions.Search"/>.</summary>
    /// <param name="validation">The validation split (see the class remarks); never the test split.</param>
    /// <param name="space">Values to try.</param>
    /// <param name="options">Search kind, selection metric, base ALS options, evaluation settings, matrix builder.</param>
    /// <param name="onTrial">Called after every trial on the calling thread.</param>
    /// <param name="ct">Checked between trials and inside ALS training.</param>
    /// <exception cref="ConfigurationException">The space or the options are invalid, or the grid exceeds <see cref="MaxGridSize"/>.</exception>
    /// <exception cref="DataException">The validation split has no evaluable user.</exception>
    /// <exception cref="ArgumentException"><see cref="AlsTuningOptions.BuildMatrix"/> returned a matrix of the wrong shape.</exception>
    /// <exception cref="TrainingException">ALS diverged for a trial (the message names the trial's options).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> fired.</exception>
    public static TuningResult Tune(
        EvaluationSplit validation, AlsSearchSpace space, AlsTuningOptions options,
        Action<TuningProgress>? onTrial = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(validation);
        var candidates = Candidates(space, options);
        var train = options.BuildMatrix(validation.Train);
        CheckShape(train, validation);
        // One compact transpose (value codes, 5 bytes per non-zero) serves every trial.
        var itemUser = CompactCsrMatrix.TransposeOf(train);
        int evaluable = UserTestSets.Build(validation.Test, train, options.Evaluation).UserCount;
        if (evaluable == 0)
        {
            throw new DataException(
                $"The {validation.Description.Label} has no evaluable user (a warm user with a relevant validation event on a known item); "
                + "move the validation cutoff earlier, lengthen the horizon, or loosen the relevance rule.");
        }

        var trials = new List<AlsTrial>(candidates.Count);
        AlsTrial? best = null;
        for (int t = 0; t < candidates.Count; t++)
        {
            ct.ThrowIfCancellationRequested();
            var trial = RunTrial(t, candidates[t], train, itemUser, validation, options, ct);
            trials.Add(trial);
            if (best is null || Better(trial, best))
            {
                best = trial;
            }
            onTrial?.Invoke(new TuningProgress(t + 1, candidates.Count, trial, best));
        }

        var ranked = trials.ToArray();
        Array.Sort(ranked, (a, b) => Better(a, b) ? -1 : Better(b, a) ? 1 : a.Trial.CompareTo(b.Trial));
        return new TuningResult(options.Search, options.Search == SearchKind.Random ? options.Seed : null,
            options.SelectionMetric, validation.Description, ranked)
        {
            LowPower = evaluable < options.Evaluation.MinUsersForPower,
        };
    }

    /// <summary>
    /// The ALS options a search would try, in trial order, without training anything (for dry runs
    /// and logs): the grid, or <see cref="AlsTuningOptions.RandomTrials"/> distinct seeded draws
    /// (fewer when the space has fewer distinct points).
    /// </summary>
    /// <exception cref="ConfigurationException">The space or the options are invalid, or the grid exceeds <see cref="MaxGridSize"/>.</exception>
    public static IReadOnlyList<AlsOptions> Candidates(AlsSearchSpace space, AlsTuningOptions options)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(options);
        space.Validate();
        options.Validate();
        if (options.Search == SearchKind.Random)
        {
            return AlsCandidates.Random(space, options.RandomTrials, options.Seed, options.BaseOptions);
        }
        if (space.GridSize > MaxGridSize)
        {
            throw new ConfigurationException("tuning:search",
                $"the grid has {space.GridSize} points (more than {MaxGridSize}); shorten the lists or use Random search with tuning:randomTrials.");
        }
        return AlsCandidates.Grid(space, options.BaseOptions);
    }

    private static AlsTrial RunTrial(
        int index, AlsOptions candidate, CsrMatrix train, CompactCsrMatrix itemUser, EvaluationSplit validation,
        AlsTuningOptions options, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        AlsModel model;
        try
        {
            model = AlsTrainer.Fit(train, itemUser, candidate, null, ct);
        }
        catch (TrainingException e)
        {
            throw new TrainingException($"Tuning trial {index} ({Describe(candidate)}) failed: {e.Message} Remove or change this point of the search space.");
        }
        double trainSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var evaluation = RankingEvaluator.Evaluate(model, train, validation.Test, options.Evaluation);
        double evaluateSeconds = clock.Elapsed.TotalSeconds;
        return new AlsTrial(index, candidate, options.SelectionMetric, evaluation.Metrics[options.SelectionMetric],
            evaluation.UserCount, trainSeconds, evaluateSeconds, evaluation.Metrics);
    }

    /// <summary>Strictly better on the selection metric; NaN ranks below every number.</summary>
    private static bool Better(AlsTrial a, AlsTrial b)
    {
        double x = a.Value.Value;
        double y = b.Value.Value;
        return double.IsNaN(y) ? !double.IsNaN(x) : x > y;
    }

    private static void CheckShape(CsrMatrix train, EvaluationSplit validation)
    {
        int users = validation.Train.UserKeys.Count;
        int items = validation.Train.ItemKeys.Count;
        if (train.Rows != users || train.Columns != items)
        {
            throw new ArgumentException(
                $"The tuning matrix builder returned {train.Rows} x {train.Columns} but the validation training table has {users} users x {items} items; "
                + "build the matrix in the table's own id space (see TrainingMatrix).", nameof(validation));
        }
    }

    private static string Describe(AlsOptions o)
        => string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"rank {o.Rank}, reg {o.RegParam:G6}, alpha {o.Alpha:G6}, {o.Iterations} iterations, {o.Solver}");
}
