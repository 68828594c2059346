using SparkRecs.Core.Sparse;

namespace SparkRecs.Core.Tests.Factorization;

/// <summary>Seeded synthetic training matrices for the ALS tests.</summary>
internal static class SyntheticRatings
{
    /// <summary>A held-out cell: its noisy observed value and the noiseless planted value.</summary>
    public readonly record struct HeldOut(int User, int Item, float Value, float Truth);

    /// <summary>
    /// A rank-<paramref name="rank"/> matrix <c>U V^T</c> (entries of U, V standard normal) plus
    /// Gaussian noise of <paramref name="noise"/>; a <paramref name="observed"/> fraction of cells is
    /// the training matrix, another 5% of cells is held out.
    /// </summary>
    public static (CsrMatrix Train, List<HeldOut> HeldOut) Planted(int users, int items, int rank, double noise, double observed, int seed)
    {
        var random = new Random(seed);
        var u = Gaussian(random, users, rank);
        var v = Gaussian(random, items, rank);
        var rows = new List<int>();
        var columns = new List<int>();
        var values = new List<float>();
        var heldOut = new List<HeldOut>();
        for (int user = 0; user < users; user++)
        {
            for (int item = 0; item < items; item++)
            {
                double draw = random.NextDouble();
                if (draw >= observed + 0.05)
                {
                    continue;
                }
                double truth = 0d;
                for (int j = 0; j < rank; j++)
                {
                    truth += u[user, j] * v[item, j];
                }
                float value = (float)(truth + noise * NextGaussian(random));
                if (draw < observed)
                {
                    rows.Add(user);
                    columns.Add(item);
                    values.Add(value);
                }
                else
                {
                    heldOut.Add(new HeldOut(user, item, value, (float)truth));
                }
            }
        }
        return (CsrMatrix.FromCoordinates(users, items, rows.ToArray(), columns.ToArray(), values.ToArray()), heldOut);
    }

    /// <summary>Implicit feedback: each cell observed with probability <paramref name="density"/>, values are counts 1..5.</summary>
    public static CsrMatrix Counts(int users, int items, double density, int seed)
    {
        var random = new Random(seed);
        var rows = new List<int>();
        var columns = new List<int>();
        var values = new List<float>();
        for (int user = 0; user < users; user++)
        {
            for (int item = 0; item < items; item++)
            {
                // Users and items with low ids are more active, as in real logs.
                double boost = 1.5 - (double)user / users * 0.5 - (double)item / items * 0.5;
                if (random.NextDouble() < density * boost)
                {
                    rows.Add(user);
                    columns.Add(item);
                    values.Add(random.Next(1, 6));
                }
            }
        }
        return CsrMatrix.FromCoordinates(users, items, rows.ToArray(), columns.ToArray(), values.ToArray());
    }

    /// <summary>
    /// Implicit feedback with low-rank structure: user u interacts with item i when
    /// <c>u . v + noise</c> (rank-<paramref name="rank"/> standard normal factors) is in the top
    /// <paramref name="density"/> fraction; values are counts 1..5.
    /// </summary>
    public static CsrMatrix PlantedCounts(int users, int items, int rank, double density, int seed)
    {
        var random = new Random(seed);
        var u = Gaussian(random, users, rank);
        var v = Gaussian(random, items, rank);
        var scores = new double[users * items];
        for (int user = 0; user < users; user++)
        {
            for (int item = 0; item < items; item++)
            {
                double score = 0.5 * NextGaussian(random);
                for (int j = 0; j < rank; j++)
                {
                    score += u[user, j] * v[item, j];
                }
                scores[user * items + item] = score;
            }
        }
        var sorted = (double[])scores.Clone();
        Array.Sort(sorted);
        double threshold = sorted[(int)((1 - density) * sorted.Length)];
        var rows = new List<int>();
        var columns = new List<int>();
        var values = new List<float>();
        for (int n = 0; n < scores.Length; n++)
        {
            if (scores[n] >= threshold)
            {
                rows.Add(n / items);
                columns.Add(n % items);
                values.Add(random.Next(1, 6));
            }
        }
        return CsrMatrix.FromCoordinates(users, items, rows.ToArray(), columns.ToArray(), values.ToArray());
    }

    /// <summary>Root mean squared error of <paramref name="predict"/> against each cell's selected value.</summary>
    public static double Rmse(IEnumerable<HeldOut> cells, Func<int, int, double> predict, Func<HeldOut, double> target)
    {
        double sum = 0d;
        int count = 0;
        foreach (var cell in cells)
        {
            double error = predict(cell.User, cell.Item) - target(cell);
            sum += error * error;
            count++;
        }
        return Math.Sqrt(sum / count);
    }

    private static double[,] Gaussian(Random random, int rows, int columns)
    {
        var result = new double[rows, columns];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                result[r, c] = NextGaussian(random);
            }
        }
        return result;
    }

    private static double NextGaussian(Random random)
    {
        double u1 = 1d - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2d * Math.Log(u1)) * Math.Cos(2d * Math.PI * u2);
    }
}
