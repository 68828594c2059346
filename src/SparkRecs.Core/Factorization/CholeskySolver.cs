using System.Numerics.Tensors;

namespace SparkRecs.Core.Factorization;

/// <summary>
/// Solves a symmetric positive-definite system <c>A x = b</c> in place by Cholesky factorisation
/// <c>A = L L^T</c> in double precision: <c>k^3 / 6</c> multiply-adds for the factorisation (about
/// <c>k^3 / 3</c> flops) plus <c>k^2</c> for the two triangular solves.
/// </summary>
/// <remarks>
/// Double precision because the factorisation is where rounding is amplified by the condition number
/// of <c>A</c>; at ALS ranks (tens to a few hundred) it is cheap next to accumulating <c>A</c>. The
/// row-major lower triangle makes every inner product a contiguous
/// <c>TensorPrimitives.Dot</c>.
/// </remarks>
internal static class CholeskySolver
{
    /// <summary>
    /// Overwrites the lower triangle of <paramref name="a"/> (row-major k x k; only the lower triangle is
    /// read) with <c>L</c> and <paramref name="b"/> with the solution <c>x</c>.
    /// </summary>
    /// <returns>
    /// -1 on success, else the index of the first pivot that was not positive (the matrix is not
    /// positive definite: singular, indefinite, or holding NaN); <paramref name="b"/> is then unspecified.
    /// </returns>
    public static int Solve(Span<double> a, Span<double> b, int k)
    {
        if (a.Length < k * k || b.Length < k)
        {
            throw new ArgumentException($"A {k} x {k} system needs {k * k} + {k} values.");
        }

        // Factor: L[i, j] = (A[i, j] - L[i, 0..j] . L[j, 0..j]) / L[j, j], row by row.
        for (int i = 0; i < k; i++)
        {
            var rowI = a.Slice(i * k, k);
            for (int j = 0; j < i; j++)
            {
                var rowJ = a.Slice(j * k, j);
                rowI[j] = (rowI[j] - TensorPrimitives.Dot(rowI[..j], rowJ)) / a[j * k + j];
            }
            double pivot = rowI[i] - TensorPrimitives.Dot<double>(rowI[..i], rowI[..i]);
            if (!(pivot > 0d))
            {
                return i;
            }
            rowI[i] = Math.Sqrt(pivot);
        }

        // Forward: L z = b.
        for (int i = 0; i < k; i++)
        {
            b[i] = (b[i] - TensorPrimitives.Dot<double>(a.Slice(i * k, i), b[..i])) / a[i * k + i];
        }

        // Backward: L^T x = z, column-oriented so each update reads a contiguous row of L.
        for (int i = k - 1; i >= 0; i--)
        {
            double xi = b[i] / a[i * k + i];
            b[i] = xi;
            if (i > 0)
            {
                var head = b[..i];
                TensorPrimitives.MultiplyAdd(a.Slice(i * k, i), -xi, head, head);
            }
        }
        return -1;
    }
}
