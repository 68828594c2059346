using SparkRecs.Core.Factorization;
using SparkRecs.Core.Sparse;

namespace SparkRecs.Core.Tests.Factorization;

/// <summary>The fast trainer against the naive double-precision <see cref="ReferenceAls"/>.</summary>
public sealed class ReferenceAlsAgreementTests
{
    /// <summary>
    /// 30 x 20 with a few edge cases: a user with no values, an item with no values, a stored zero,
    /// a negative value (implicit: confident non-preference), and a user with only a negative value.
    /// </summary>
    private static CsrMatrix SmallProblem()
    {
        var random = new Random(31);
        var rows = new List<int>();
        var columns = new List<int>();
        var values = new List<float>();
        for (int u = 0; u < 30; u++)
        {
            for (int i = 0; i < 20; i++)
            {
                if (u == 7 || i == 12 || u == 9 || random.NextDouble() > 0.3)
                {
                    continue;
                }
                rows.Add(u);
                columns.Add(i);
                values.Add(random.Next(1, 6));
            }
        }
        rows.AddRange([3, 4, 9]);
        columns.AddRange([12, 12, 0]);
        values.AddRange([0f, -2f, -1f]);
        return CsrMatrix.FromCoordinates(30, 20, rows.ToArray(), columns.ToArray(), values.ToArray());
    }

    public static TheoryData<bool, bool?, AlsSolver> Cases => new()
    {
        { true, null, AlsSolver.Cholesky },
        { true, true, AlsSolver.Cholesky },
        { false, null, AlsSolver.Cholesky },
        { false, false, AlsSolver.Cholesky },
        { true, null, AlsSolver.ConjugateGradient },
        { false, null, AlsSolver.ConjugateGradient },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fast_trainer_matches_the_reference_iteration_by_iteration(bool isImplicit, bool? scaleByCount, AlsSolver solver)
    {
        var data = SmallProblem();
        // With as many CG steps as the rank, CG is exact up to rounding.
        var options = new AlsOptions
        {
            Implicit = isImplicit, ScaleRegularizationByCount = scaleByCount, Solver = solver, CgSteps = 12,
            Rank = 4, Alpha = 2f, RegParam = 0.1f, Iterations = 5, Threads = 2,
        };

        var fast = AlsTrainer.Fit(data, data.Transpose(), options);
        var reference = ReferenceAls.Fit(data, options);

        for (int t = 0; t < options.Iterations; t++)
        {
            Assert.Equal(reference.Loss[t], fast.History[t].Loss, reference.Loss[t] * 1e-4);
        }
        for (int u = 0; u < 30; u++)
        {
            for (int i = 0; i < 20; i++)
            {
                Assert.Equal(reference.Predict(u, i), fast.Predict(u, i), 2e-3);
            }
        }
        Assert.All(fast.UserFactors.Row(7).ToArray(), v => Assert.Equal(0f, v));
        if (isImplicit)
        {
            // No positive value: no evidence of preference, so zero factors.
            Assert.All(fast.ItemFactors.Row(12).ToArray(), v => Assert.Equal(0f, v));
            Assert.All(fast.UserFactors.Row(9).ToArray(), v => Assert.Equal(0f, v));
        }
        else
        {
            Assert.Contains(fast.ItemFactors.Row(12).ToArray(), v => v != 0f);
        }
    }
}
