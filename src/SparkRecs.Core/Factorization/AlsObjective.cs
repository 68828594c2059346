using System.Numerics.Tensors;

namespace SparkRecs.Core.Factorization;

/// <summary>
/// The ALS training objective, evaluated without visiting the unobserved pairs, in a pass of its own
/// over the factors and the observations: the specification that the loss <see cref="AlsTrainer"/>
/// reports (added up during the sweeps, see <see cref="AlsIterationReport.Loss"/>) is tested against.
/// </summary>
/// <remarks>
/// Explicit: <c>sum over observed (r_ui - s_ui)^2 + R</c> with <c>s_ui = x_u . y_i</c>.
/// Implicit: <c>sum over all (u, i) of c_ui (p_ui - s_ui)^2 + R</c>, where unobserved pairs have
/// <c>c = 1, p = 0</c>. Splitting the sum into "every pair with c = 1, p = 0" plus a correction on
/// the observed pairs gives <c>sum_i y_i^T (X^T X) y_i + sum over observed [c (p - s)^2 - s^2] + R</c>:
/// <c>O(n k^2)</c> with the <c>X^T X</c> the item sweep already computed, plus <c>O(nnz k)</c> for
/// the observed pairs, never <c>O(m n k)</c>. <c>R = sum_u lambda_u |x_u|^2 + sum_i lambda_i |y_i|^2</c>
/// with each row's ridge as the solver used it. Rows are summed in fixed blocks, in double, and the
/// blocks in order, so the value does not depend on the thread count. The trainer adds up the same
/// terms during its sweeps instead of paying this pass: the Gram part as <c>&lt;X^T X, Y^T Y&gt;</c>
/// (Frobenius), the observed pairs while each item's users are at hand, the ridge terms as each row
/// is solved.
/// </remarks>
internal static class AlsObjective
{
    private const int Blocks = 64;
    private const int DecodeSlice = 256;

    /// <summary>
    /// The objective for factors <paramref name="users"/> and <paramref name="items"/>; for the
    /// implicit kind <paramref name="userGram"/> must be <c>X^T X</c> of <paramref name="users"/>
    /// (full k x k), for explicit it is ignored.
    /// </summary>
    public static double Compute(AlsSide userSide, AlsSide itemSide, FactorMatrix users, FactorMatrix items, double[]? userGram, AlsOptions options, CancellationToken ct)
    {
        if (options.Implicit && userGram is null)
        {
            throw new ArgumentNullException(nameof(userGram), "The implicit objective needs X^T X.");
        }
        double itemTerms = SumInBlocks(itemSide.Ratings.Rows, options.Threads, ct, (first, last) => ItemTerms(itemSide, users, items, userGram, options, first, last));
        double userRidge = SumInBlocks(userSide.Ratings.Rows, options.Threads, ct, (first, last) => RidgeTerms(userSide, users, first, last));
        return itemTerms + userRidge;
    }

    private static double ItemTerms(AlsSide itemSide, FactorMatrix users, FactorMatrix items, double[]? userGram, AlsOptions options, int first, int last)
    {
        int k = items.Rank;
        var itemDouble = options.Implicit ? new double[k] : [];
        double alpha = options.Alpha;
        Span<float> buffer = stackalloc float[DecodeSlice];
        double sum = 0d;
        for (int item = first; item < last; item++)
        {
            var y = items.Row(item);
            if (options.Implicit)
            {
                for (int j = 0; j < k; j++)
                {
                    itemDouble[j] = y[j];
                }
                for (int j = 0; j < k; j++)
                {
                    sum += itemDouble[j] * TensorPrimitives.Dot<double>(userGram.AsSpan(j * k, k), itemDouble);
                }
            }
            var userIds = itemSide.Ratings.RowIndices(item);
            for (int start = 0; start < userIds.Length; start += DecodeSlice)
            {
                int count = Math.Min(DecodeSlice, userIds.Length - start);
                var values = itemSide.Ratings.RowValues(item, start, count, buffer);
                for (int n = 0; n < count; n++)
                {
                    double score = TensorPrimitives.Dot(users.Row(userIds[start + n]), y);
                    sum += ObservationLoss.Term(values[n], score, options.Implicit, alpha);
                }
            }
            sum += (double)itemSide.Ridge[item] * TensorPrimitives.Dot(y, y);
        }
        return sum;
    }

    private static double RidgeTerms(AlsSide side, FactorMatrix factors, int first, int last)
    {
        double sum = 0d;
        for (int row = first; row < last; row++)
        {
            var x = factors.Row(row);
            sum += (double)side.Ridge[row] * TensorPrimitives.Dot(x, x);
        }
        return sum;
    }

    private static double SumInBlocks(int rows, int threads, CancellationToken ct, Func<int, int, double> block)
    {
        int blocks = Math.Max(1, Math.Min(Blocks, rows));
        int rowsPerBlock = (rows + blocks - 1) / blocks;
        var partials = new double[blocks];
        RowPartitioner.Run(blocks, 1, threads, ct, (start, end) =>
        {
            for (int b = start; b < end; b++)
            {
                int first = b * rowsPerBlock;
                partials[b] = block(first, Math.Min(rows, first + rowsPerBlock));
            }
        });
        double total = 0d;
        foreach (double partial in partials)
        {
            total += partial;
        }
        return total;
    }
}
