using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SparkRecs.Core.Factorization;

/// <summary>
/// The vectorised double-precision Cholesky solve of the fast row solver: <c>A = U^T U</c> with
/// <c>U</c> upper triangular, stored row-major, factored right-looking so every update is a
/// contiguous multiply-add along a row (no horizontal sums, no per-call overhead).
/// </summary>
/// <remarks>
/// Same arithmetic contract as <see cref="CholeskySolver"/> (the reference, which it must match to
/// rounding): <c>k^3 / 6</c> multiply-adds in double for the factorisation, <c>k^2</c> for the two
/// triangular solves. The trailing update is done four pivot rows at a time: for each later row
/// <c>c</c>, <c>U[c, c..] -= sum_{t&lt;4} U[j+t, c] U[j+t, c..]</c> loads and stores <c>U[c, c..]</c> once
/// for four multiply-adds, which is what keeps the update from being bound by loads and stores.
/// </remarks>
internal static class CholeskyKernel
{
    /// <summary>
    /// Overwrites the upper triangle of <paramref name="u"/> (row-major <c>k x k</c>; only entries
    /// with column &gt;= row are read) with the factor <c>U</c>, and <paramref name="b"/> with the
    /// solution of <c>A x = b</c>.
    /// </summary>
    /// <returns>-1 on success, else the index of the first pivot that was not positive (or NaN).</returns>
    public static int Solve(Span<double> u, Span<double> b, int k)
    {
        if (k < 0 || u.Length < k * k || b.Length < k)
        {
            throw new ArgumentException($"A {k} x {k} system needs {k * k} + {k} values; got {u.Length} and {b.Length}.");
        }
        int failed = Factor(u, k);
        if (failed >= 0)
        {
            return failed;
        }
        ref double a = ref MemoryMarshal.GetReference(u);
        ref double x = ref MemoryMarshal.GetReference(b);

        // Forward: U^T z = b, column by column: z_i = b_i / U_ii, then b[i+1..] -= z_i U[i, i+1..].
        for (int i = 0; i < k; i++)
        {
            ref double row = ref Unsafe.Add(ref a, (nint)i * k);
            double zi = Unsafe.Add(ref x, i) / Unsafe.Add(ref row, i);
            Unsafe.Add(ref x, i) = zi;
            Axpy(ref Unsafe.Add(ref row, i + 1), -zi, ref Unsafe.Add(ref x, i + 1), k - i - 1);
        }

        // Backward: U x = z, row by row: x_i = (z_i - U[i, i+1..] . x[i+1..]) / U_ii.
        for (int i = k - 1; i >= 0; i--)
        {
            ref double row = ref Unsafe.Add(ref a, (nint)i * k);
            double dot = Dot(ref Unsafe.Add(ref row, i + 1), ref Unsafe.Add(ref x, i + 1), k - i - 1);
            Unsafe.Add(ref x, i) = (Unsafe.Add(ref x, i) - dot) / Unsafe.Add(ref row, i);
        }
        return -1;
    }

    private static int Factor(Span<double> u, int k)
    {
        ref double a = ref MemoryMarshal.GetReference(u);
        int j = 0;
        for (; j + 4 <= k; j += 4)
        {
            // Factor the four pivot rows j..j+3 among themselves (a 4-row right-looking step)...
            for (int t = 0; t < 4; t++)
            {
                int p = j + t;
                ref double pivotRow = ref Unsafe.Add(ref a, (nint)p * k);
                int failed = ScalePivotRow(ref pivotRow, p, k);
                if (failed >= 0)
                {
                    return failed;
                }
                for (int c = p + 1; c < j + 4; c++)
                {
                    Axpy(ref Unsafe.Add(ref pivotRow, c), -Unsafe.Add(ref pivotRow, c), ref Unsafe.Add(ref a, (nint)c * k + c), k - c);
                }
            }

            // ...then apply all four to every later row at once.
            ref double r0 = ref Unsafe.Add(ref a, (nint)j * k);
            ref double r1 = ref Unsafe.Add(ref r0, k);
            ref double r2 = ref Unsafe.Add(ref r1, k);
            ref double r3 = ref Unsafe.Add(ref r2, k);
            int later = j + 4;
            for (; later + 2 <= k; later += 2)
            {
                Update4Pair(ref r0, ref r1, ref r2, ref r3, ref Unsafe.Add(ref a, (nint)later * k), later, k);
            }
            if (later < k)
            {
                Update4(ref r0, ref r1, ref r2, ref r3, ref Unsafe.Add(ref a, (nint)later * k), later, k);
            }
        }
        for (; j < k; j++)
        {
            ref double pivotRow = ref Unsafe.Add(ref a, (nint)j * k);
            int failed = ScalePivotRow(ref pivotRow, j, k);
            if (failed >= 0)
            {
                return failed;
            }
            for (int c = j + 1; c < k; c++)
            {
                Axpy(ref Unsafe.Add(ref pivotRow, c), -Unsafe.Add(ref pivotRow, c), ref Unsafe.Add(ref a, (nint)c * k + c), k - c);
            }
        }
        return -1;
    }

    /// <summary>U[p, p] = sqrt(A[p, p]); U[p, p+1..] /= U[p, p]. Returns p if the pivot is not positive, else -1.</summary>
    private static int ScalePivotRow(ref double row, int p, int k)
    {
        double pivot = Unsafe.Add(ref row, p);
        if (!(pivot > 0d))
        {
            return p;
        }
        double diagonal = Math.Sqrt(pivot);
        Unsafe.Add(ref row, p) = diagonal;
        double inverse = 1d / diagonal;
        for (int c = p + 1; c < k; c++)
        {
            Unsafe.Add(ref row, c) *= inverse;
        }
        return -1;
    }

    /// <summary>
    /// <see cref="Update4"/> for rows <c>c</c> and <c>c + 1</c> at once, sharing the loads of the four
    /// pivot rows. Both run from column <c>c</c>; row <c>c + 1</c>'s entry there is below the diagonal,
    /// never read, and receives a meaningless value.
    /// </summary>
    private static void Update4Pair(ref double r0, ref double r1, ref double r2, ref double r3, ref double first, int c, int k)
    {
        ref double second = ref Unsafe.Add(ref first, k);
        var v0 = Vector256.Create(-Unsafe.Add(ref r0, c));
        var v1 = Vector256.Create(-Unsafe.Add(ref r1, c));
        var v2 = Vector256.Create(-Unsafe.Add(ref r2, c));
        var v3 = Vector256.Create(-Unsafe.Add(ref r3, c));
        var w0 = Vector256.Create(-Unsafe.Add(ref r0, c + 1));
        var w1 = Vector256.Create(-Unsafe.Add(ref r1, c + 1));
        var w2 = Vector256.Create(-Unsafe.Add(ref r2, c + 1));
        var w3 = Vector256.Create(-Unsafe.Add(ref r3, c + 1));
        int n = c;
        for (; n + 4 <= k; n += 4)
        {
            nuint o = (nuint)n;
            var p0 = Vector256.LoadUnsafe(ref r0, o);
            var p1 = Vector256.LoadUnsafe(ref r1, o);
            var p2 = Vector256.LoadUnsafe(ref r2, o);
            var p3 = Vector256.LoadUnsafe(ref r3, o);
            var t = Vector256.LoadUnsafe(ref first, o);
            var u = Vector256.LoadUnsafe(ref second, o);
            t = Vector256.FusedMultiplyAdd(p0, v0, t);
            u = Vector256.FusedMultiplyAdd(p0, w0, u);
            t = Vector256.FusedMultiplyAdd(p1, v1, t);
            u = Vector256.FusedMultiplyAdd(p1, w1, u);
            t = Vector256.FusedMultiplyAdd(p2, v2, t);
            u = Vector256.FusedMultiplyAdd(p2, w2, u);
            t = Vector256.FusedMultiplyAdd(p3, v3, t);
            u = Vector256.FusedMultiplyAdd(p3, w3, u);
            t.StoreUnsafe(ref first, o);
            u.StoreUnsafe(ref second, o);
        }
        for (; n < k; n++)
        {
            double t = Unsafe.Add(ref first, n);
            double u = Unsafe.Add(ref second, n);
            double p0 = Unsafe.Add(ref r0, n);
            double p1 = Unsafe.Add(ref r1, n);
            double p2 = Unsafe.Add(ref r2, n);
            double p3 = Unsafe.Add(ref r3, n);
            t = Math.FusedMultiplyAdd(p0, v0[0], t);
            u = Math.FusedMultiplyAdd(p0, w0[0], u);
            t = Math.FusedMultiplyAdd(p1, v1[0], t);
            u = Math.FusedMultiplyAdd(p1, w1[0], u);
            t = Math.FusedMultiplyAdd(p2, v2[0], t);
            u = Math.FusedMultiplyAdd(p2, w2[0], u);
            t = Math.FusedMultiplyAdd(p3, v3[0], t);
            u = Math.FusedMultiplyAdd(p3, w3[0], u);
            Unsafe.Add(ref first, n) = t;
            Unsafe.Add(ref second, n) = u;
        }
    }

    /// <summary>U[c, c..k) -= sum_{t&lt;4} r_t[c] r_t[c..k).</summary>
    private static void Update4(ref double r0, ref double r1, ref double r2, ref double r3, ref double target, int c, int k)
    {
        double f0 = Unsafe.Add(ref r0, c);
        double f1 = Unsafe.Add(ref r1, c);
        double f2 = Unsafe.Add(ref r2, c);
        double f3 = Unsafe.Add(ref r3, c);
        var v0 = Vector256.Create(-f0);
        var v1 = Vector256.Create(-f1);
        var v2 = Vector256.Create(-f2);
        var v3 = Vector256.Create(-f3);
        int n = c;
        for (; n + 4 <= k; n += 4)
        {
            nuint o = (nuint)n;
            var t = Vector256.LoadUnsafe(ref target, o);
            t = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref r0, o), v0, t);
            t = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref r1, o), v1, t);
            t = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref r2, o), v2, t);
            t = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref r3, o), v3, t);
            t.StoreUnsafe(ref target, o);
        }
        for (; n < k; n++)
        {
            double t = Unsafe.Add(ref target, n);
            t = Math.FusedMultiplyAdd(Unsafe.Add(ref r0, n), -f0, t);
            t = Math.FusedMultiplyAdd(Unsafe.Add(ref r1, n), -f1, t);
            t = Math.FusedMultiplyAdd(Unsafe.Add(ref r2, n), -f2, t);
            t = Math.FusedMultiplyAdd(Unsafe.Add(ref r3, n), -f3, t);
            Unsafe.Add(ref target, n) = t;
        }
    }

    /// <summary>y[0..n) += scale * x[0..n).</summary>
    private static void Axpy(ref double x, double scale, ref double y, int n)
    {
        var s = Vector256.Create(scale);
        int i = 0;
        for (; i + 4 <= n; i += 4)
        {
            nuint o = (nuint)i;
            Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref x, o), s, Vector256.LoadUnsafe(ref y, o)).StoreUnsafe(ref y, o);
        }
        for (; i < n; i++)
        {
            Unsafe.Add(ref y, i) = Math.FusedMultiplyAdd(Unsafe.Add(ref x, i), scale, Unsafe.Add(ref y, i));
        }
    }

    /// <summary>x[0..n) . y[0..n), vector lanes summed in a fixed order.</summary>
    private static double Dot(ref double x, ref double y, int n)
    {
        var sum = Vector256<double>.Zero;
        int i = 0;
        for (; i + 4 <= n; i += 4)
        {
            nuint o = (nuint)i;
            sum = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref x, o), Vector256.LoadUnsafe(ref y, o), sum);
        }
        double total = Vector256.Sum(sum);
        for (; i < n; i++)
        {
            total = Math.FusedMultiplyAdd(Unsafe.Add(ref x, i), Unsafe.Add(ref y, i), total);
        }
        return total;
    }
}
