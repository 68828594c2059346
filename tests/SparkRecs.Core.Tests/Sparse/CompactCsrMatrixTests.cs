using SparkRecs.Core.Errors;
using SparkRecs.Core.Sparse;

namespace SparkRecs.Core.Tests.Sparse;

/// <summary>The compact transpose against the float one: same shape, same indices, the same values to the bit.</summary>
public sealed class CompactCsrMatrixTests
{
    [Theory]
    [InlineData(1, ValueEncoding.Byte)]
    [InlineData(5, ValueEncoding.Byte)]
    [InlineData(256, ValueEncoding.Byte)]
    [InlineData(257, ValueEncoding.UInt16)]
    [InlineData(65_536, ValueEncoding.UInt16)]
    [InlineData(65_537, ValueEncoding.Single)]
    public void Encoding_is_the_narrowest_code_that_names_every_distinct_value(int distinct, ValueEncoding expected)
    {
        var matrix = WithDistinctValues(distinct);
        Assert.Equal(distinct, matrix.Values.ToArray().Distinct().Count());

        var compact = CompactCsrMatrix.TransposeOf(matrix);

        Assert.Equal(expected, compact.Encoding);
        Assert.Equal(expected == ValueEncoding.Single ? 0 : distinct, compact.ValueTable.Length);
        AssertSameMatrix(matrix.Transpose(), compact.ToCsrMatrix());
    }

    [Fact]
    public void Round_trip_keeps_every_value_to_the_bit_including_signed_zeros_and_extremes()
    {
        float[] special = [0f, -0f, float.Epsilon, -float.Epsilon, float.MaxValue, float.MinValue, 1f / 3f, 0.5f, 5f, -2.5f];
        var rows = new int[special.Length];
        var columns = new int[special.Length];
        for (int n = 0; n < special.Length; n++)
        {
            rows[n] = n % 3;
            columns[n] = n;
        }
        var matrix = CsrMatrix.FromCoordinates(3, special.Length, rows, columns, special);

        var compact = CompactCsrMatrix.TransposeOf(matrix);

        Assert.Equal(ValueEncoding.Byte, compact.Encoding);
        Assert.Equal(special.Length, compact.ValueTable.Length); // -0 and +0 are two codes
        AssertSameMatrix(matrix.Transpose(), compact.ToCsrMatrix());
    }

    [Fact]
    public void Value_table_is_sorted_with_negative_zero_before_positive_zero()
    {
        var matrix = CsrMatrix.FromCoordinates(1, 4, [0, 0, 0, 0], [0, 1, 2, 3], [3f, 0f, -1f, -0f]);

        var table = CompactCsrMatrix.TransposeOf(matrix).ValueTable.ToArray();

        Assert.Equal([-1f, -0f, 0f, 3f], table);
        Assert.True(float.IsNegative(table[1]));
        Assert.False(float.IsNegative(table[2]));
    }

    [Fact]
    public void Empty_rows_and_columns_survive_the_transpose()
    {
        // Users 0 and 3 have nothing; items 1 and 4 have nothing.
        var matrix = CsrMatrix.FromCoordinates(5, 6, [1, 1, 2, 4, 4], [0, 5, 3, 0, 2], [2f, 1f, 2f, 4f, 1f]);

        var compact = CompactCsrMatrix.TransposeOf(matrix);

        Assert.Equal(6, compact.Rows);
        Assert.Equal(5, compact.Columns);
        Assert.Equal(0, compact.RowLength(1));
        Assert.Equal(0, compact.RowLength(4));
        Assert.True(compact.RowValues(1, 0, 0, []).IsEmpty);
        Assert.Equal([1, 4], compact.RowIndices(0).ToArray());
        AssertSameMatrix(matrix.Transpose(), compact.ToCsrMatrix());
    }

    [Fact]
    public void A_matrix_without_entries_transposes_to_an_empty_compact_matrix()
    {
        var matrix = CsrMatrix.FromCoordinates(3, 2, [], [], []);

        var compact = CompactCsrMatrix.TransposeOf(matrix);

        Assert.Equal(0, compact.NonZeros);
        Assert.Equal(ValueEncoding.Byte, compact.Encoding);
        Assert.Equal(2, compact.Rows);
        AssertSameMatrix(matrix.Transpose(), compact.ToCsrMatrix());
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public void Non_finite_values_are_refused_naming_row_and_column(float bad)
    {
        var matrix = CsrMatrix.FromCoordinates(3, 4, [0, 2, 2], [1, 0, 3], [1f, 2f, bad]);

        var error = Assert.Throws<DataException>(() => CompactCsrMatrix.TransposeOf(matrix));

        Assert.Contains($"Row 2, column 3 holds {bad}", error.Message);
        Assert.Contains("finite", error.Message);
    }

    [Fact]
    public void Row_values_decode_any_slice_into_the_buffer()
    {
        var matrix = WithDistinctValues(300);
        var compact = CompactCsrMatrix.TransposeOf(matrix);
        var expected = matrix.Transpose();
        var buffer = new float[8];

        for (int row = 0; row < compact.Rows; row++)
        {
            int length = compact.RowLength(row);
            for (int start = 0; start < length; start += 3)
            {
                int count = Math.Min(3, length - start);
                var values = compact.RowValues(row, start, count, buffer);
                Assert.True(values.Overlaps(buffer));
                Assert.Equal(expected.RowValues(row).Slice(start, count).ToArray(), values.ToArray());
            }
        }
    }

    [Fact]
    public void Plain_values_are_returned_in_place_without_touching_the_buffer()
    {
        var compact = CompactCsrMatrix.TransposeOf(WithDistinctValues(65_537));

        var values = compact.RowValues(0, 0, compact.RowLength(0), []);

        Assert.Equal(compact.RowLength(0), values.Length);
    }

    [Fact]
    public void Decoding_refuses_a_short_buffer_and_a_slice_outside_the_row()
    {
        var compact = CompactCsrMatrix.TransposeOf(WithDistinctValues(10));
        int row = 1;
        int length = compact.RowLength(row);
        Assert.True(length >= 2);

        Assert.Throws<ArgumentException>(() => compact.RowValues(row, 0, length, new float[length - 1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => compact.RowValues(row, 1, length, new float[length + 1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => compact.RowValues(row, length + 1, 0, []));
    }

    [Fact]
    public void Byte_codes_take_five_bytes_per_non_zero_with_the_index()
    {
        var matrix = WithDistinctValues(200);

        var compact = CompactCsrMatrix.TransposeOf(matrix);

        long expected = 4L * (compact.Rows + 1) + 5L * matrix.NonZeros + 4L * 200;
        Assert.Equal(expected, compact.MemoryBytes);
        Assert.Equal(matrix.Transpose().MemoryBytes - 3L * matrix.NonZeros + 4L * 200, compact.MemoryBytes);
    }

    /// <summary>
    /// A 97 x 1000 matrix whose values take exactly <paramref name="distinct"/> values (multiples of
    /// 0.25 from -7, all exact in float), spread over every row but each 5th and every column but each
    /// 7th (those stay empty).
    /// </summary>
    private static CsrMatrix WithDistinctValues(int distinct)
    {
        const int rowCount = 97, columnCount = 1000;
        var cells = new List<(int Row, int Column)>();
        for (int row = 0; row < rowCount; row++)
        {
            for (int column = 0; column < columnCount; column++)
            {
                if (row % 5 != 0 && column % 7 != 0)
                {
                    cells.Add((row, column));
                }
            }
        }
        int entries = Math.Max(distinct, 5_000);
        var rows = new int[entries];
        var columns = new int[entries];
        var values = new float[entries];
        for (int n = 0; n < entries; n++)
        {
            // 7919 is prime and does not divide the cell count: n -> n * 7919 visits distinct cells, scattered.
            var cell = cells[(int)(n * 7919L % cells.Count)];
            rows[n] = cell.Row;
            columns[n] = cell.Column;
            values[n] = 0.25f * (n % distinct) - 7f;
        }
        return CsrMatrix.FromCoordinates(rowCount, columnCount, rows, columns, values);
    }

    private static void AssertSameMatrix(CsrMatrix expected, CsrMatrix actual)
    {
        Assert.Equal(expected.Rows, actual.Rows);
        Assert.Equal(expected.Columns, actual.Columns);
        Assert.Equal(expected.RowPointers.ToArray(), actual.RowPointers.ToArray());
        Assert.Equal(expected.ColumnIndices.ToArray(), actual.ColumnIndices.ToArray());
        Assert.Equal(
            expected.Values.ToArray().Select(BitConverter.SingleToUInt32Bits),
            actual.Values.ToArray().Select(BitConverter.SingleToUInt32Bits));
    }
}
