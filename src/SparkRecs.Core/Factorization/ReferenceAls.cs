using SparkRecs.Core.Sparse;

namespace SparkRecs.Core.Factorization;

/// <summary>
/// A deliberately naive ALS in double precision, kept beside <see cref="AlsTrainer"/> as the
/// specification the fast code is tested against: dense rating and confidence matrices, every
/// row's normal equations summed over the whole catalogue term by term, Gaussian elimination with
/// partial pivoting, one thread. <c>O(m n k^2)</c> per sweep: only for small test problems.
/// </summary>
/// <remarks>
/// It shares only the starting factors (<see cref="FactorInitializer"/>) with the fast trainer, so
/// the two can be compared iteration by iteration; everything else is written from the objective
/// in <see cref="AlsTrainer"/>'s documentation. It solves exactly (no conjugate-gradient steps)
/// and has no non-negativity constraint.
/// </remarks>
internal static class ReferenceAls
{
    /// <summary>Factors and per-iteration objective of a reference run.</summary>
    public sealed record Result(double[,] Users, double[,] Items, IReadOnlyList<double> Loss)
    {
        /// <summary>The predicted score of (user, item).</summary>
        public double Predict(int user, int item)
        {
            double sum = 0d;
            for (int j = 0; j < Users.GetLength(1); j++)
            {
                sum += Users[user, j] * Items[item, j];
            }
            return sum;
        }
    }

    /// <summary>Trains on the users x items matrix with the same options and starting point as <see cref="AlsTrainer"/>.</summary>
    public static Result Fit(CsrMatrix userItem, AlsOptions options)
    {
        if (options.Nonnegative)
        {
            throw new ArgumentException("The reference implementation has no non-negative solver.", nameof(options));
        }
        int m = userItem.Rows;
        int n = userItem.Columns;
        int k = options.Rank;
        var (values, observed) = Densify(userItem);
        var users = Start(m, k, options.Seed, FactorInitializer.UserSide);
        var items = Start(n, k, options.Seed, FactorInitializer.ItemSide);
        var loss = new List<double>();
        for (int iteration = 0; iteration < options.Iterations; iteration++)
        {
            SolveSide(users, items, (u, i) => (values[u, i], observed[u, i]), options);
            SolveSide(items, users, (i, u) => (values[u, i], observed[u, i]), options);
            loss.Add(Objective(userItem, users, items, options));
        }
        return new Result(users, items, loss);
    }

    /// <summary>
    /// The objective of <see cref="AlsIterationReport.Loss"/> evaluated literally: every pair for
    /// implicit, every observed pair for explicit, plus regularization.
    /// </summary>
    public static double Objective(CsrMatrix userItem, double[,] users, double[,] items, AlsOptions options)
    {
        var (values, observed) = Densify(userItem);
        int m = users.GetLength(0);
        int n = items.GetLength(0);
        double sum = 0d;
        for (int u = 0; u < m; u++)
        {
            for (int i = 0; i < n; i++)
            {
                double score = Dot(users, u, items, i);
                if (options.Implicit)
                {
                    var (preference, confidence) = ImplicitTerms(values[u, i], observed[u, i], options.Alpha);
                    sum += confidence * (preference - score) * (preference - score);
                }
                else if (observed[u, i])
                {
                    sum += (values[u, i] - score) * (values[u, i] - score);
                }
            }
        }
        for (int u = 0; u < m; u++)
        {
            sum += Ridge(Enumerable.Range(0, n).Select(i => (values[u, i], observed[u, i])), options) * SquaredNorm(users, u);
        }
        for (int i = 0; i < n; i++)
        {
            sum += Ridge(Enumerable.Range(0, m).Select(u => (values[u, i], observed[u, i])), options) * SquaredNorm(items, i);
        }
        return sum;
    }

    /// <summary>Copies a factor matrix to a double array.</summary>
    public static double[,] ToArray(FactorMatrix factors)
    {
        var result = new double[factors.Rows, factors.Rank];
        for (int r = 0; r < factors.Rows; r++)
        {
            for (int j = 0; j < factors.Rank; j++)
            {
                result[r, j] = factors.Row(r)[j];
            }
        }
        return result;
    }

    private static void SolveSide(double[,] solved, double[,] fixedSide, Func<int, int, (double Value, bool Observed)> entry, AlsOptions options)
    {
        int rows = solved.GetLength(0);
        int others = fixedSide.GetLength(0);
        int k = solved.GetLength(1);
        for (int r = 0; r < rows; r++)
        {
            var row = Enumerable.Range(0, others).Select(o => entry(r, o)).ToArray();
            bool hasEvidence = row.Any(e => e.Observed && (!options.Implicit || e.Value > 0d));
            if (!hasEvidence)
            {
                for (int j = 0; j < k; j++)
                {
                    solved[r, j] = 0d;
                }
                continue;
            }
            var a = new double[k, k];
            var b = new double[k];
            for (int o = 0; o < others; o++)
            {
                double confidence;
                double target;
                if (options.Implicit)
                {
                    var (preference, c) = ImplicitTerms(row[o].Value, row[o].Observed, options.Alpha);
                    confidence = c;
                    target = c * preference;
                }
                else if (row[o].Observed)
                {
                    confidence = 1d;
                    target = row[o].Value;
                }
                else
                {
                    continue;
                }
                for (int p = 0; p < k; p++)
                {
                    b[p] += target * fixedSide[o, p];
                    for (int q = 0; q < k; q++)
                    {
                        a[p, q] += confidence * fixedSide[o, p] * fixedSide[o, q];
                    }
                }
            }
            double ridge = Ridge(row, options);
            for (int p = 0; p < k; p++)
            {
                a[p, p] += ridge;
            }
            var x = GaussianElimination(a, b);
            for (int j = 0; j < k; j++)
            {
                solved[r, j] = x[j];
            }
        }
    }

    private static (double Preference, double Confidence) ImplicitTerms(double value, bool observed, double alpha)
        => observed ? (value > 0d ? 1d : 0d, 1d + alpha * Math.Abs(value)) : (0d, 1d);

    private static double Ridge(IEnumerable<(double Value, bool Observed)> row, AlsOptions options)
    {
        if (!options.EffectiveScaleRegularizationByCount)
        {
            return options.RegParam;
        }
        int count = row.Count(e => e.Observed && (!options.Implicit || e.Value > 0d));
        return (double)options.RegParam * count;
    }

    private static double[] GaussianElimination(double[,] a, double[] b)
    {
        int k = b.Length;
        for (int col = 0; col < k; col++)
        {
            int pivot = col;
            for (int r = col + 1; r < k; r++)
            {
                if (Math.Abs(a[r, col]) > Math.Abs(a[pivot, col]))
                {
                    pivot = r;
                }
            }
            for (int c = 0; c < k; c++)
            {
                (a[col, c], a[pivot, c]) = (a[pivot, c], a[col, c]);
            }
            (b[col], b[pivot]) = (b[pivot], b[col]);
            for (int r = col + 1; r < k; r++)
            {
                double factor = a[r, col] / a[col, col];
                for (int c = col; c < k; c++)
                {
                    a[r, c] -= factor * a[col, c];
                }
                b[r] -= factor * b[col];
            }
        }
        var x = new double[k];
        for (int r = k - 1; r >= 0; r--)
        {
            double sum = b[r];
            for (int c = r + 1; c < k; c++)
            {
                sum -= a[r, c] * x[c];
            }
            x[r] = sum / a[r, r];
        }
        return x;
    }

    private static (double[,] Values, bool[,] Observed) Densify(CsrMatrix matrix)
    {
        var values = new double[matrix.Rows, matrix.Columns];
        var observed = new bool[matrix.Rows, matrix.Columns];
        for (int r = 0; r < matrix.Rows; r++)
        {
            var columns = matrix.RowIndices(r);
            var rowValues = matrix.RowValues(r);
            for (int n = 0; n < columns.Length; n++)
            {
                values[r, columns[n]] = rowValues[n];
                observed[r, columns[n]] = true;
            }
        }
        return (values, observed);
    }

    private static double[,] Start(int rows, int k, int seed, ulong side)
    {
        var start = new FactorMatrix(rows, k);
        FactorInitializer.Fill(start, seed, side, nonnegative: false);
        return ToArray(start);
    }

    private static double Dot(double[,] a, int rowA, double[,] b, int rowB)
    {
        double sum = 0d;
        for (int j = 0; j < a.GetLength(1); j++)
        {
            sum += a[rowA, j] * b[rowB, j];
        }
        return sum;
    }

    private static double SquaredNorm(double[,] a, int row) => Dot(a, row, a, row);
}
