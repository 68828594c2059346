namespace SparkRecs.Core.Tests.Factorization;

/// <summary>Random symmetric positive-definite systems with a known solution, for the solver tests.</summary>
internal static class SpdSystems
{
    /// <summary><c>A = M M^T + k I</c> for a random M, a random solution x, and <c>b = A x</c>, in double.</summary>
    public static (double[] A, double[] B, double[] X) Create(int k, int seed, double shift = 1d)
    {
        var random = new Random(seed);
        var m = new double[k * k];
        for (int n = 0; n < m.Length; n++)
        {
            m[n] = random.NextDouble() * 2d - 1d;
        }
        var a = new double[k * k];
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++)
            {
                double sum = i == j ? shift : 0d;
                for (int p = 0; p < k; p++)
                {
                    sum += m[i * k + p] * m[j * k + p];
                }
                a[i * k + j] = sum;
            }
        }
        var x = new double[k];
        for (int i = 0; i < k; i++)
        {
            x[i] = random.NextDouble() * 2d - 1d;
        }
        return (a, Multiply(a, x, k), x);
    }

    /// <summary><c>A x</c> for a full row-major k x k matrix.</summary>
    public static double[] Multiply(double[] a, double[] x, int k)
    {
        var b = new double[k];
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++)
            {
                b[i] += a[i * k + j] * x[j];
            }
        }
        return b;
    }

    /// <summary>Converts to float.</summary>
    public static float[] ToSingle(double[] values) => Array.ConvertAll(values, v => (float)v);
}
