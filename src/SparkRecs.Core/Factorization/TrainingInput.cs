using SparkRecs.Core.Errors;
using SparkRecs.Core.Sparse;

namespace SparkRecs.Core.Factorization;

/// <summary>Boundary checks on the matrices handed to <see cref="AlsTrainer"/>.</summary>
internal static class TrainingInput
{
    /// <summary>
    /// Checks that <paramref name="itemUser"/> has the transposed shape and the same number of
    /// non-zeros as <paramref name="userItem"/> (not entry by entry: that would cost a pass per
    /// run for a mistake only a caller bug makes), that there is something to learn from, and
    /// that every value is finite.
    /// </summary>
    public static void Validate(CsrMatrix userItem, CsrMatrix itemUser)
    {
        CheckTransposed(userItem, itemUser.Rows, itemUser.Columns, itemUser.NonZeros, "userItem.Transpose()");
        Validate(userItem);
        ThrowIfNotFinite(itemUser, "item", "user");
    }

    /// <summary>
    /// As <see cref="Validate(CsrMatrix, CsrMatrix)"/> for a compact transpose, whose values are
    /// finite by construction (<see cref="CompactCsrMatrix.TransposeOf"/> refuses the rest).
    /// </summary>
    public static void Validate(CsrMatrix userItem, CompactCsrMatrix itemUser)
    {
        CheckTransposed(userItem, itemUser.Rows, itemUser.Columns, itemUser.NonZeros, "CompactCsrMatrix.TransposeOf(userItem)");
        Validate(userItem);
    }

    /// <summary>Checks that <paramref name="userItem"/> has something to learn from and only finite values.</summary>
    public static void Validate(CsrMatrix userItem)
    {
        if (userItem.NonZeros == 0)
        {
            throw new DataException(
                $"The training matrix ({userItem.Rows} users x {userItem.Columns} items) has no interactions; "
                + "check the training window and the minimum-support filters.");
        }
        ThrowIfNotFinite(userItem, "user", "item");
    }

    private static void CheckTransposed(CsrMatrix userItem, int rows, int columns, int nonZeros, string remedy)
    {
        if (rows != userItem.Columns || columns != userItem.Rows)
        {
            throw new ArgumentException(
                $"itemUser must be the transpose of userItem ({userItem.Columns} items x {userItem.Rows} users) but is "
                + $"{rows} x {columns}; build it with {remedy}.", "itemUser");
        }
        if (nonZeros != userItem.NonZeros)
        {
            throw new ArgumentException(
                $"itemUser has {nonZeros} non-zeros but userItem has {userItem.NonZeros}; build it with {remedy}.", "itemUser");
        }
    }

    /// <summary>The value of largest magnitude and where it is (row, column of <paramref name="matrix"/>).</summary>
    public static (float Value, int Row, int Column) LargestMagnitude(CsrMatrix matrix)
    {
        float largest = 0f;
        int bestRow = -1;
        int bestColumn = -1;
        for (int row = 0; row < matrix.Rows; row++)
        {
            var values = matrix.RowValues(row);
            for (int n = 0; n < values.Length; n++)
            {
                if (MathF.Abs(values[n]) > MathF.Abs(largest))
                {
                    largest = values[n];
                    bestRow = row;
                    bestColumn = matrix.RowIndices(row)[n];
                }
            }
        }
        return (largest, bestRow, bestColumn);
    }

    private static void ThrowIfNotFinite(CsrMatrix matrix, string rowName, string columnName)
    {
        if (float.IsFinite(System.Numerics.Tensors.TensorPrimitives.Sum(matrix.Values) * 0f))
        {
            return; // Fast path: a sum of finite floats times zero is zero; any NaN or infinity makes it NaN.
        }
        for (int row = 0; row < matrix.Rows; row++)
        {
            var values = matrix.RowValues(row);
            for (int n = 0; n < values.Length; n++)
            {
                if (!float.IsFinite(values[n]))
                {
                    throw new TrainingException(
                        $"The training value of {rowName} {row}, {columnName} {matrix.RowIndices(row)[n]} is {values[n]}; ALS needs finite values. "
                        + "Check the ingest's value parsing and quarantine rows with NaN or infinite values.");
                }
            }
        }
    }
}
