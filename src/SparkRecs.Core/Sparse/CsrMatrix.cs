namespace SparkRecs.Core.Sparse;

/// <summary>
/// A sparse matrix in compressed sparse row form with <c>float</c> values: the non-zeros of row
/// <c>r</c> are <c>ColumnIndices[RowPointers[r]..RowPointers[r+1]]</c> with the matching
/// <see cref="Values"/>, columns strictly increasing within a row.
/// </summary>
/// <remarks>
/// The user x item matrix is a <see cref="CsrMatrix"/>; its item x user transpose (the CSC view of
/// the same data) is another <see cref="CsrMatrix"/> made by <see cref="Transpose"/>. Memory is
/// <c>8 * nnz + 4 * (rows + 1)</c> bytes: no per-entry objects. Row pointers are <c>int</c>, so
/// one matrix holds at most <see cref="int.MaxValue"/> non-zeros (about 2.1 billion), far above
/// what one machine trains on.
/// </remarks>
public sealed class CsrMatrix
{
    private readonly int[] _rowPointers;
    private readonly int[] _columnIndices;
    private readonly float[] _values;

    /// <summary>Wraps existing CSR arrays after checking their shape (not every entry).</summary>
    public CsrMatrix(int rows, int columns, int[] rowPointers, int[] columnIndices, float[] values)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        if (rowPointers.Length != rows + 1)
        {
            throw new ArgumentException($"Row pointers must have rows + 1 = {rows + 1} entries, not {rowPointers.Length}.", nameof(rowPointers));
        }
        int nnz = rowPointers[rows];
        if (columnIndices.Length < nnz || values.Length < nnz)
        {
            throw new ArgumentException($"The last row pointer says {nnz} non-zeros but there are {columnIndices.Length} column indices and {values.Length} values.");
        }
        Rows = rows;
        Columns = columns;
        _rowPointers = rowPointers;
        _columnIndices = columnIndices;
        _values = values;
    }

    /// <summary>Number of rows.</summary>
    public int Rows { get; }

    /// <summary>Number of columns.</summary>
    public int Columns { get; }

    /// <summary>Number of stored non-zeros.</summary>
    public int NonZeros => _rowPointers[Rows];

    /// <summary>Row start offsets, <c>Rows + 1</c> entries.</summary>
    public ReadOnlySpan<int> RowPointers => _rowPointers;

    /// <summary>Column index of each non-zero.</summary>
    public ReadOnlySpan<int> ColumnIndices => _columnIndices.AsSpan(0, NonZeros);

    /// <summary>Value of each non-zero.</summary>
    public ReadOnlySpan<float> Values => _values.AsSpan(0, NonZeros);

    /// <summary>The row pointer array itself, for views that share it (<see cref="CompactCsrMatrix"/>).</summary>
    internal int[] RowPointerArray => _rowPointers;

    /// <summary>The column index array itself (may be longer than <see cref="NonZeros"/>), for views that share it.</summary>
    internal int[] ColumnIndexArray => _columnIndices;

    /// <summary>The value array itself (may be longer than <see cref="NonZeros"/>), for views that share it.</summary>
    internal float[] ValueArray => _values;

    /// <summary>Bytes held by the three arrays.</summary>
    public long MemoryBytes => 4L * _rowPointers.Length + 4L * _columnIndices.Length + 4L * _values.Length;

    /// <summary>Number of non-zeros in row <paramref name="row"/>.</summary>
    public int RowLength(int row) => _rowPointers[row + 1] - _rowPointers[row];

    /// <summary>Column indices of row <paramref name="row"/>, increasing.</summary>
    public ReadOnlySpan<int> RowIndices(int row)
        => _columnIndices.AsSpan(_rowPointers[row], _rowPointers[row + 1] - _rowPointers[row]);

    /// <summary>Values of row <paramref name="row"/>, aligned with <see cref="RowIndices"/>.</summary>
    public ReadOnlySpan<float> RowValues(int row)
        => _values.AsSpan(_rowPointers[row], _rowPointers[row + 1] - _rowPointers[row]);

    /// <summary>
    /// Builds a matrix from coordinates in O(nnz + rows + columns) with two stable counting sorts
    /// (by column, then by row), so columns come out sorted within each row without a comparison
    /// sort. Duplicate (row, column) pairs are combined by <paramref name="duplicates"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A row or column index is outside the shape.</exception>
    public static CsrMatrix FromCoordinates(
        int rows, int columns,
        ReadOnlySpan<int> rowIndex, ReadOnlySpan<int> columnIndex, ReadOnlySpan<float> values,
        DuplicateEntries duplicates = DuplicateEntries.Sum)
    {
        int n = rowIndex.Length;
        if (columnIndex.Length != n || values.Length != n)
        {
            throw new ArgumentException($"Coordinate arrays differ in length: {n} rows, {columnIndex.Length} columns, {values.Length} values.");
        }

        // Pass 1: stable counting sort by column into (tmpRow, tmpCol, tmpVal).
        var columnCounts = new int[columns + 1];
        for (int k = 0; k < n; k++)
        {
            int c = columnIndex[k];
            int r = rowIndex[k];
            if ((uint)c >= (uint)columns)
            {
                throw new ArgumentOutOfRangeException(nameof(columnIndex), $"Entry {k} has column {c}, outside 0..{columns - 1}.");
            }
            if ((uint)r >= (uint)rows)
            {
                throw new ArgumentOutOfRangeException(nameof(rowIndex), $"Entry {k} has row {r}, outside 0..{rows - 1}.");
            }
            columnCounts[c + 1]++;
        }
        for (int c = 0; c < columns; c++)
        {
            columnCounts[c + 1] += columnCounts[c];
        }
        var tmpRow = new int[n];
        var tmpCol = new int[n];
        var tmpVal = new float[n];
        for (int k = 0; k < n; k++)
        {
            int dst = columnCounts[columnIndex[k]]++;
            tmpRow[dst] = rowIndex[k];
            tmpCol[dst] = columnIndex[k];
            tmpVal[dst] = values[k];
        }

        // Pass 2: stable counting sort by row; columns stay increasing within each row.
        var rowPointers = new int[rows + 1];
        for (int k = 0; k < n; k++)
        {
            rowPointers[tmpRow[k] + 1]++;
        }
        for (int r = 0; r < rows; r++)
        {
            rowPointers[r + 1] += rowPointers[r];
        }
        var next = rowPointers.AsSpan(0, rows).ToArray();
        var colOut = new int[n];
        var valOut = new float[n];
        for (int k = 0; k < n; k++)
        {
            int dst = next[tmpRow[k]]++;
            colOut[dst] = tmpCol[k];
            valOut[dst] = tmpVal[k];
        }

        return CombineDuplicates(rows, columns, rowPointers, colOut, valOut, duplicates);
    }

    /// <summary>The transpose (a CSR of the columns): user x item becomes item x user, in O(nnz).</summary>
    public CsrMatrix Transpose()
    {
        int nnz = NonZeros;
        var pointers = new int[Columns + 1];
        var cols = ColumnIndices;
        for (int k = 0; k < nnz; k++)
        {
            pointers[cols[k] + 1]++;
        }
        for (int c = 0; c < Columns; c++)
        {
            pointers[c + 1] += pointers[c];
        }
        var next = pointers.AsSpan(0, Columns).ToArray();
        var indices = new int[nnz];
        var vals = new float[nnz];
        for (int r = 0; r < Rows; r++)
        {
            int end = _rowPointers[r + 1];
            for (int k = _rowPointers[r]; k < end; k++)
            {
                int dst = next[_columnIndices[k]]++;
                indices[dst] = r;
                vals[dst] = _values[k];
            }
        }
        return new CsrMatrix(Columns, Rows, pointers, indices, vals);
    }

    /// <summary>Whether row <paramref name="row"/> has a stored entry in column <paramref name="column"/> (binary search).</summary>
    public bool Contains(int row, int column) => RowIndices(row).BinarySearch(column) >= 0;

    private static CsrMatrix CombineDuplicates(int rows, int columns, int[] rowPointers, int[] cols, float[] vals, DuplicateEntries duplicates)
    {
        int write = 0;
        int start = 0;
        for (int r = 0; r < rows; r++)
        {
            int end = rowPointers[r + 1];
            int rowStart = write;
            for (int k = start; k < end; k++)
            {
                if (write > rowStart && cols[write - 1] == cols[k])
                {
                    vals[write - 1] = duplicates switch
                    {
                        DuplicateEntries.Sum => vals[write - 1] + vals[k],
                        DuplicateEntries.Max => Math.Max(vals[write - 1], vals[k]),
                        DuplicateEntries.Last => vals[k],
                        _ => throw new ArgumentOutOfRangeException(nameof(duplicates)),
                    };
                    continue;
                }
                cols[write] = cols[k];
                vals[write] = vals[k];
                write++;
            }
            start = end;
            rowPointers[r + 1] = write;
        }
        if (write != cols.Length)
        {
            Array.Resize(ref cols, write);
            Array.Resize(ref vals, write);
        }
        return new CsrMatrix(rows, columns, rowPointers, cols, vals);
    }
}

/// <summary>How <see cref="CsrMatrix.FromCoordinates"/> combines entries with the same (row, column).</summary>
public enum DuplicateEntries
{
    /// <summary>Add the values (counts of repeated events).</summary>
    Sum,
    /// <summary>Keep the largest value.</summary>
    Max,
    /// <summary>Keep the value that came last in input order (the latest rating).</summary>
    Last,
}
