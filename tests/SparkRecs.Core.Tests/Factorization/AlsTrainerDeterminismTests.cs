using SparkRecs.Core.Factorization;

namespace SparkRecs.Core.Tests.Factorization;

public sealed class AlsTrainerDeterminismTests
{
    private static readonly Lazy<Core.Sparse.CsrMatrix> Counts = new(() => SyntheticRatings.Counts(300, 200, density: 0.05, seed: 23));

    public static TheoryData<bool, AlsSolver, bool> Kinds => new()
    {
        { true, AlsSolver.ConjugateGradient, false },
        { true, AlsSolver.Cholesky, false },
        { false, AlsSolver.Cholesky, false },
        { false, AlsSolver.ConjugateGradient, false },
        { true, AlsSolver.Cholesky, true },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Same_seed_gives_bit_identical_factors_and_losses(bool isImplicit, AlsSolver solver, bool nonnegative)
    {
        var options = new AlsOptions { Implicit = isImplicit, Solver = solver, Nonnegative = nonnegative, Rank = 8, Iterations = 4, Threads = 2 };

        var first = AlsTrainer.Fit(Counts.Value, Counts.Value.Transpose(), options);
        var second = AlsTrainer.Fit(Counts.Value, Counts.Value.Transpose(), options);

        Assert.Equal(first.UserFactors.Data, second.UserFactors.Data);
        Assert.Equal(first.ItemFactors.Data, second.ItemFactors.Data);
        Assert.Equal(first.History.Select(r => r.Loss), second.History.Select(r => r.Loss));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Thread_count_does_not_change_a_single_bit(bool isImplicit, AlsSolver solver, bool nonnegative)
    {
        var options = new AlsOptions { Implicit = isImplicit, Solver = solver, Nonnegative = nonnegative, Rank = 8, Iterations = 4 };

        var one = AlsTrainer.Fit(Counts.Value, Counts.Value.Transpose(), options with { Threads = 1 });
        var three = AlsTrainer.Fit(Counts.Value, Counts.Value.Transpose(), options with { Threads = 3 });

        Assert.Equal(one.UserFactors.Data, three.UserFactors.Data);
        Assert.Equal(one.ItemFactors.Data, three.ItemFactors.Data);
        Assert.Equal(one.History.Select(r => r.Loss), three.History.Select(r => r.Loss));
    }

    [Fact]
    public void Thread_count_does_not_change_a_single_bit_at_a_rank_beyond_one_simd_block()
    {
        // Rank 130 runs TensorPrimitives' long-vector paths (more than 8 AVX-512 registers of floats).
        var options = new AlsOptions { Rank = 130, Iterations = 2, CgSteps = 2 };

        var one = AlsTrainer.Fit(Counts.Value, Counts.Value.Transpose(), options with { Threads = 1 });
        var three = AlsTrainer.Fit(Counts.Value, Counts.Value.Transpose(), options with { Threads = 3 });

        Assert.Equal(one.ItemFactors.Data, three.ItemFactors.Data);
        Assert.Equal(one.History.Select(r => r.Loss), three.History.Select(r => r.Loss));
    }

    [Fact]
    public void Different_seeds_give_different_factors()
    {
        var options = new AlsOptions { Rank = 8, Iterations = 2, Threads = 2 };

        var a = AlsTrainer.Fit(Counts.Value, Counts.Value.Transpose(), options);
        var b = AlsTrainer.Fit(Counts.Value, Counts.Value.Transpose(), options with { Seed = 43 });

        Assert.NotEqual(a.ItemFactors.Data, b.ItemFactors.Data);
    }
}
