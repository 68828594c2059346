using SparkRecs.Core.Errors;
using SparkRecs.Core.Factorization;
using SparkRecs.Core.Sparse;

namespace SparkRecs.Core.Tests.Factorization;

public sealed class AlsTrainerFailureTests
{
    private static CsrMatrix Matrix(float special, int row = 1, int column = 2)
    {
        var rows = new List<int>();
        var columns = new List<int>();
        var values = new List<float>();
        for (int u = 0; u < 6; u++)
        {
            for (int i = 0; i < 5; i++)
            {
                if ((u + i) % 2 == 0 || (u == row && i == column))
                {
                    rows.Add(u);
                    columns.Add(i);
                    values.Add(u == row && i == column ? special : 1f + (u * i % 3));
                }
            }
        }
        return CsrMatrix.FromCoordinates(6, 5, rows.ToArray(), columns.ToArray(), values.ToArray());
    }

    [Fact]
    public void Nan_input_is_refused_naming_user_and_item()
    {
        var data = Matrix(float.NaN);

        var error = Assert.Throws<TrainingException>(() => AlsTrainer.Fit(data, data.Transpose(), new AlsOptions { Rank = 2, Threads = 1 }));

        Assert.Contains("user 1, item 2 is NaN", error.Message);
        Assert.Contains("finite", error.Message);
        Assert.Equal(4, error.ExitCode);
    }

    [Fact]
    public void Infinite_input_is_refused()
    {
        var data = Matrix(float.PositiveInfinity, row: 4, column: 0);

        var error = Assert.Throws<TrainingException>(() => AlsTrainer.Fit(data, data.Transpose(), new AlsOptions { Rank = 2, Threads = 1 }));

        Assert.Contains("user 4, item 0", error.Message);
    }

    [Fact]
    public void Absurd_explicit_ratings_stop_training_with_advice()
    {
        var data = Matrix(3e37f);
        var options = new AlsOptions { Implicit = false, Rank = 2, Iterations = 3, Threads = 1, Solver = AlsSolver.Cholesky };

        var error = Assert.Throws<TrainingException>(() => AlsTrainer.Fit(data, data.Transpose(), options));

        Assert.Contains("diverged in iteration 1", error.Message);
        Assert.Contains("sweep", error.Message);
        Assert.Contains("als:regParam (now 0.1)", error.Message);
        Assert.Contains("largest |value| is 3E+37, user 1, item 2", error.Message);
        Assert.DoesNotContain("als:alpha", error.Message);
    }

    [Fact]
    public void Absurd_implicit_confidence_stops_training_and_suggests_a_lower_alpha()
    {
        var data = Matrix(1e30f);
        var options = new AlsOptions { Rank = 2, Alpha = 1e10f, Iterations = 3, Threads = 1 };

        var error = Assert.Throws<TrainingException>(() => AlsTrainer.Fit(data, data.Transpose(), options));

        Assert.Contains("diverged in iteration 1", error.Message);
        Assert.Contains("lower als:alpha (now 1E+10)", error.Message);
    }

    [Fact]
    public void Singular_system_without_regularization_is_reported_as_such()
    {
        // Rank 4 but user 0 has one rating and no regularization: its 4 x 4 system has rank 1.
        var data = CsrMatrix.FromCoordinates(2, 5, [0, 1, 1, 1, 1, 1], [0, 0, 1, 2, 3, 4], [3f, 1f, 2f, 3f, 4f, 5f]);
        var options = new AlsOptions { Implicit = false, Rank = 4, RegParam = 0f, Iterations = 1, Threads = 1, Solver = AlsSolver.Cholesky };

        var error = Assert.Throws<TrainingException>(() => AlsTrainer.Fit(data, data.Transpose(), options));

        Assert.Contains("user sweep: the normal equations of user 0 are not positive definite", error.Message);
    }

    [Fact]
    public void Invalid_options_are_refused_before_training()
    {
        var data = Matrix(1f);

        var error = Assert.Throws<ConfigurationException>(() => AlsTrainer.Fit(data, data.Transpose(), new AlsOptions { CgSteps = 0 }));

        Assert.Equal("als:cgSteps", error.Key);
    }

    [Fact]
    public void A_matrix_that_is_not_the_transpose_is_refused()
    {
        var data = Matrix(1f);

        var error = Assert.Throws<ArgumentException>(() => AlsTrainer.Fit(data, data, new AlsOptions { Rank = 2 }));

        Assert.Equal("itemUser", error.ParamName);
        Assert.Contains("Transpose()", error.Message);
    }

    [Fact]
    public void An_empty_matrix_is_a_data_error()
    {
        var empty = CsrMatrix.FromCoordinates(3, 4, [], [], []);

        var error = Assert.Throws<DataException>(() => AlsTrainer.Fit(empty, empty.Transpose(), new AlsOptions { Rank = 2 }));

        Assert.Contains("no interactions", error.Message);
    }

    [Fact]
    public void Cancellation_stops_training()
    {
        var data = Matrix(1f);
        using var source = new CancellationTokenSource();
        int iterations = 0;

        Assert.ThrowsAny<OperationCanceledException>(() => AlsTrainer.Fit(data, data.Transpose(), new AlsOptions { Rank = 2, Iterations = 10, Threads = 2 },
            report =>
            {
                iterations = report.Iteration;
                source.Cancel();
            },
            source.Token));
        Assert.Equal(1, iterations);
    }
}
