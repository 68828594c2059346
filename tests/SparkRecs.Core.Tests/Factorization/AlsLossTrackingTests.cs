using SparkRecs.Core.Factorization;
using SparkRecs.Core.Sparse;

namespace SparkRecs.Core.Tests.Factorization;

/// <summary>
/// The loss the trainer adds up during its sweeps against <c>AlsObjective.Compute</c>, the separate
/// pass over the final factors: every solver path (matrix-free panel, rows longer than the panel,
/// Cholesky, non-negative, reference), both kinds, with and without count-scaled regularization.
/// </summary>
public sealed class AlsLossTrackingTests
{
    private static readonly Lazy<CsrMatrix> Counts = new(() => SyntheticRatings.PlantedCounts(240, 160, rank: 4, density: 0.12, seed: 31));

    /// <summary>
    /// Agreement of the reference path, which scores observations with the same float dot products
    /// as the separate pass and only sums the terms in another order.
    /// </summary>
    private const double ReferenceTolerance = 1e-9;

    /// <summary>
    /// Agreement of the vectorised path, which scores observations from the gathered panel
    /// (<c>FactorKernels.PanelDots</c>): the same scores up to the order of a dot product's float additions.
    /// </summary>
    private const double PanelTolerance = 1e-7;

    public static TheoryData<bool, bool, AlsSolver, bool, bool, int> Paths()
    {
        var data = new TheoryData<bool, bool, AlsSolver, bool, bool, int>();
        foreach (bool isImplicit in new[] { true, false })
        {
            foreach (bool scaled in new[] { true, false })
            {
                foreach (int panelBytes in new[] { RowPanel.DefaultPanelBytes, 256 })
                {
                    data.Add(isImplicit, scaled, AlsSolver.ConjugateGradient, false, true, panelBytes);
                    data.Add(isImplicit, scaled, AlsSolver.Cholesky, false, true, panelBytes);
                }
                data.Add(isImplicit, scaled, AlsSolver.ConjugateGradient, false, false, RowPanel.DefaultPanelBytes);
                data.Add(isImplicit, scaled, AlsSolver.Cholesky, false, false, RowPanel.DefaultPanelBytes);
                data.Add(isImplicit, scaled, AlsSolver.Cholesky, true, true, RowPanel.DefaultPanelBytes);
                data.Add(isImplicit, scaled, AlsSolver.Cholesky, true, false, RowPanel.DefaultPanelBytes);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Tracked_loss_equals_the_objective_of_the_final_factors(bool isImplicit, bool scaled, AlsSolver solver, bool nonnegative, bool useKernels, int panelBytes)
    {
        var options = new AlsOptions
        {
            Implicit = isImplicit, ScaleRegularizationByCount = scaled, Solver = solver, Nonnegative = nonnegative,
            Rank = 9, Iterations = 3, RegParam = 0.05f, Alpha = 2f, Threads = 2,
        };
        var data = Counts.Value;
        bool kernels = useKernels && FactorKernels.IsSupported;

        var model = AlsTrainer.Train(data, CompactCsrMatrix.TransposeOf(data), options, null, useKernels, panelBytes, default);

        double expected = Objective(data, model, options);
        double tolerance = kernels ? PanelTolerance : ReferenceTolerance;
        Assert.Equal(expected, model.History[^1].Loss, tolerance * Math.Abs(expected));
    }

    [Theory]
    [InlineData(AlsSolver.Cholesky, false)]
    [InlineData(AlsSolver.Cholesky, true)]
    [InlineData(AlsSolver.ConjugateGradient, false)]
    public void Items_assembled_in_several_tiles_are_scored_from_the_panel_without_changing_the_factors(AlsSolver solver, bool nonnegative)
    {
        // About 400 users per item: more than one 16 KB tile of gathered rows (256 at rank 9), less than the panel.
        var data = SyntheticRatings.PlantedCounts(600, 40, rank: 3, density: 0.7, seed: 5);
        var options = new AlsOptions { Solver = solver, Nonnegative = nonnegative, Rank = 9, Iterations = 2, Threads = 2 };

        var tracked = AlsTrainer.Fit(data, options);
        var untracked = AlsTrainer.Fit(data, options with { ComputeLoss = false });

        Assert.Equal(untracked.ItemFactors.Data, tracked.ItemFactors.Data);
        Assert.Equal(untracked.UserFactors.Data, tracked.UserFactors.Data);
        double expected = Objective(data, tracked, options);
        Assert.Equal(expected, tracked.History[^1].Loss, PanelTolerance * expected);
    }

    [Fact]
    public void Tracked_loss_matches_the_objective_after_every_iteration()
    {
        // Stop after 1, 2, 3 iterations: each run's last loss is the objective of its own factors.
        var data = Counts.Value;
        var options = new AlsOptions { Rank = 6, Iterations = 3, Alpha = 5f, Threads = 1 };
        var full = AlsTrainer.Fit(data, options);

        for (int iterations = 1; iterations <= 3; iterations++)
        {
            var partial = AlsTrainer.Fit(data, options with { Iterations = iterations });
            double expected = Objective(data, partial, options);
            Assert.Equal(expected, full.History[iterations - 1].Loss, PanelTolerance * expected);
        }
    }

    [Fact]
    public void Negative_values_and_rows_without_evidence_are_counted_as_the_objective_counts_them()
    {
        // User 2 has only a negative value (no evidence: zero factors); item 3 only negative values.
        var data = CsrMatrix.FromCoordinates(4, 5,
            [0, 0, 0, 1, 1, 2, 3, 3, 3],
            [0, 1, 3, 1, 2, 3, 0, 2, 4],
            [3f, 1f, -2f, 2f, 4f, -1f, 1f, 5f, 2f]);
        var options = new AlsOptions { Rank = 2, Iterations = 2, Alpha = 3f, RegParam = 0.2f, ScaleRegularizationByCount = true, Threads = 1 };

        var model = AlsTrainer.Fit(data, options);

        Assert.All(model.UserFactors.Row(2).ToArray(), v => Assert.Equal(0f, v));
        double expected = Objective(data, model, options);
        Assert.Equal(expected, model.History[^1].Loss, PanelTolerance * expected);
    }

    [Theory]
    [InlineData(true, AlsSolver.ConjugateGradient)]
    [InlineData(true, AlsSolver.Cholesky)]
    [InlineData(false, AlsSolver.ConjugateGradient)]
    [InlineData(false, AlsSolver.Cholesky)]
    public void Tracking_the_loss_leaves_the_factors_bit_identical(bool isImplicit, AlsSolver solver)
    {
        var options = new AlsOptions { Implicit = isImplicit, Solver = solver, Rank = 8, Iterations = 3, Threads = 2 };

        var tracked = AlsTrainer.Fit(Counts.Value, options);
        var untracked = AlsTrainer.Fit(Counts.Value, options with { ComputeLoss = false });

        Assert.Equal(tracked.UserFactors.Data, untracked.UserFactors.Data);
        Assert.Equal(tracked.ItemFactors.Data, untracked.ItemFactors.Data);
        Assert.All(untracked.History, h => Assert.True(double.IsNaN(h.Loss)));
        Assert.All(tracked.History, h => Assert.True(double.IsFinite(h.Loss)));
    }

    [Fact]
    public void Tracked_loss_is_bit_identical_for_any_thread_count()
    {
        var options = new AlsOptions { Rank = 8, Iterations = 2 };

        var one = AlsTrainer.Train(Counts.Value, CompactCsrMatrix.TransposeOf(Counts.Value), options with { Threads = 1 }, null, true, 256, default);
        var three = AlsTrainer.Train(Counts.Value, CompactCsrMatrix.TransposeOf(Counts.Value), options with { Threads = 3 }, null, true, 256, default);

        Assert.Equal(one.History.Select(h => h.Loss), three.History.Select(h => h.Loss));
    }

    /// <summary><c>AlsObjective.Compute</c> on the model's factors: the separate pass the tracked loss replaces.</summary>
    private static double Objective(CsrMatrix data, AlsModel model, AlsOptions options)
    {
        var gram = new GramMatrix(model.UserFactors.Rows, options.Rank);
        gram.Compute(model.UserFactors, 1, CancellationToken.None);
        return AlsObjective.Compute(
            new AlsSide(data, options), new AlsSide(data.Transpose(), options), model.UserFactors, model.ItemFactors, gram.Full, options, CancellationToken.None);
    }
}
