using SparkRecs.Core.Factorization;
using SparkRecs.Core.Sparse;

namespace SparkRecs.Core.Tests.Factorization;

/// <summary>
/// The vectorised row solver (<c>RowPanel</c>) against the TensorPrimitives reference path on whole
/// training runs: same losses and factors up to float rounding, for every solver and kind, with the
/// default panel (matrix-free conjugate gradient) and with a panel so small that every row is
/// assembled in tiles (the long-row path).
/// </summary>
public sealed class AlsKernelAgreementTests
{
    private static readonly Lazy<CsrMatrix> Counts = new(() => SyntheticRatings.PlantedCounts(240, 160, rank: 4, density: 0.12, seed: 31));

    /// <summary>A 256-byte panel holds 4 rows of 16 floats (2 of 32): every row here is longer, and is assembled in several tiles.</summary>
    private const int TinyPanelBytes = 256;

    public static TheoryData<bool, AlsSolver, bool, int, int> Kinds()
    {
        var data = new TheoryData<bool, AlsSolver, bool, int, int>();
        foreach (int rank in new[] { 5, 16, 21 })
        {
            foreach (int panel in new[] { RowPanel.DefaultPanelBytes, TinyPanelBytes })
            {
                data.Add(true, AlsSolver.ConjugateGradient, false, rank, panel);
                data.Add(true, AlsSolver.Cholesky, false, rank, panel);
                data.Add(false, AlsSolver.ConjugateGradient, false, rank, panel);
                data.Add(false, AlsSolver.Cholesky, false, rank, panel);
                data.Add(true, AlsSolver.Cholesky, true, rank, panel);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Kernels_train_the_same_model_as_the_reference_path(bool isImplicit, AlsSolver solver, bool nonnegative, int rank, int panelBytes)
    {
        KernelSupport.Require();
        var options = new AlsOptions { Implicit = isImplicit, Solver = solver, Nonnegative = nonnegative, Rank = rank, Iterations = 3, RegParam = 0.05f, Threads = 2 };
        var itemUser = Counts.Value.Transpose();

        var reference = AlsTrainer.Train(Counts.Value, itemUser, options, null, useKernels: false, RowPanel.DefaultPanelBytes, default);
        var fast = AlsTrainer.Train(Counts.Value, itemUser, options, null, useKernels: true, panelBytes, default);

        for (int i = 0; i < options.Iterations; i++)
        {
            double expected = reference.History[i].Loss;
            Assert.Equal(expected, fast.History[i].Loss, 1e-4 * Math.Abs(expected));
        }
        AssertClose(reference.UserFactors.Data, fast.UserFactors.Data);
        AssertClose(reference.ItemFactors.Data, fast.ItemFactors.Data);
    }

    [Fact]
    public void Assembled_long_rows_are_bit_identical_for_any_thread_count()
    {
        KernelSupport.Require();
        var options = new AlsOptions { Rank = 21, Iterations = 2 };
        var itemUser = Counts.Value.Transpose();

        var one = AlsTrainer.Train(Counts.Value, itemUser, options with { Threads = 1 }, null, useKernels: true, TinyPanelBytes, default);
        var three = AlsTrainer.Train(Counts.Value, itemUser, options with { Threads = 3 }, null, useKernels: true, TinyPanelBytes, default);

        Assert.Equal(one.UserFactors.Data, three.UserFactors.Data);
        Assert.Equal(one.ItemFactors.Data, three.ItemFactors.Data);
    }

    [Fact]
    public void Public_fit_uses_the_kernels_where_supported()
    {
        KernelSupport.Require();
        var options = new AlsOptions { Rank = 8, Iterations = 2, Threads = 1 };
        var itemUser = Counts.Value.Transpose();

        var fit = AlsTrainer.Fit(Counts.Value, itemUser, options);
        var fast = AlsTrainer.Train(Counts.Value, itemUser, options, null, useKernels: true, RowPanel.DefaultPanelBytes, default);

        Assert.Equal(fast.UserFactors.Data, fit.UserFactors.Data);
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        double scale = expected.Max(v => Math.Abs((double)v));
        Assert.True(scale > 0, "The reference factors are all zero: the test data teaches nothing.");
        double worst = expected.Zip(actual, (e, a) => Math.Abs((double)e - a)).Max();
        Assert.True(worst <= 2e-3 * scale, $"Largest factor difference {worst:G4} exceeds 2e-3 of the largest factor {scale:G4}.");
    }
}
