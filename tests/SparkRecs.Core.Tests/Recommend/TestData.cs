using SparkRecs.Core.Factorization;
using SparkRecs.Core.Recommend;
using SparkRecs.Core.Sparse;

namespace SparkRecs.Core.Tests.Recommend;

/// <summary>Seeded random factors and interaction patterns, and list comparisons, for the top-N tests.</summary>
internal static class TestData
{
    public static FactorMatrix RandomFactors(int rows, int rank, int seed)
    {
        var random = new Random(seed);
        var matrix = new FactorMatrix(rows, rank);
        for (int k = 0; k < matrix.Data.Length; k++)
        {
            matrix.Data[k] = (random.NextSingle() * 2f) - 1f;
        }
        return matrix;
    }

    /// <summary>A random user x item pattern with about <paramref name="density"/> of the cells stored; <paramref name="fullUsers"/> have seen everything.</summary>
    public static CsrMatrix RandomSeen(int users, int items, double density, int seed, params int[] fullUsers)
    {
        var random = new Random(seed);
        var rows = new List<int>();
        var columns = new List<int>();
        for (int u = 0; u < users; u++)
        {
            bool full = fullUsers.Contains(u);
            for (int i = 0; i < items; i++)
            {
                if (full || random.NextDouble() < density)
                {
                    rows.Add(u);
                    columns.Add(i);
                }
            }
        }
        var values = Enumerable.Repeat(1f, rows.Count).ToArray();
        return CsrMatrix.FromCoordinates(users, items, rows.ToArray(), columns.ToArray(), values);
    }

    /// <summary>A pattern matrix from explicit rows of column ids (values 1).</summary>
    public static CsrMatrix Pattern(int columns, params int[][] rows)
    {
        var rowIndex = new List<int>();
        var columnIndex = new List<int>();
        for (int r = 0; r < rows.Length; r++)
        {
            foreach (int c in rows[r])
            {
                rowIndex.Add(r);
                columnIndex.Add(c);
            }
        }
        var values = Enumerable.Repeat(1f, rowIndex.Count).ToArray();
        return CsrMatrix.FromCoordinates(rows.Length, columns, rowIndex.ToArray(), columnIndex.ToArray(), values);
    }

    /// <summary>Same shape, same item ids in the same order, scores within <paramref name="tolerance"/>.</summary>
    public static void AssertSameLists(TopNLists expected, TopNLists actual, double tolerance)
    {
        Assert.Equal(expected.Rows, actual.Rows);
        Assert.Equal(expected.Width, actual.Width);
        for (int r = 0; r < expected.Rows; r++)
        {
            Assert.True(
                expected.Items(r).SequenceEqual(actual.Items(r)),
                $"Row {r}: expected [{string.Join(", ", expected.Items(r).ToArray())}] but got [{string.Join(", ", actual.Items(r).ToArray())}].");
            for (int k = 0; k < expected.Width; k++)
            {
                Assert.Equal(expected.Scores(r)[k], actual.Scores(r)[k], tolerance);
            }
        }
    }
}
