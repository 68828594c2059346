using SparkRecs.Core.Errors;

namespace SparkRecs.Core.Sparse;

public sealed partial class CompactCsrMatrix
{
    /// <summary>
    /// The transpose of <paramref name="matrix"/> (a user x item matrix becomes item x user), built
    /// straight into the compact form in O(nnz): the float transpose is never materialised.
    /// </summary>
    /// <remarks>
    /// One pass collects the distinct values (stopping at 65,537), one counts the entries of each
    /// column, one scatters row indices and codes into place; the rows of the result (the columns of
    /// <paramref name="matrix"/>) come out with increasing indices, as <see cref="CsrMatrix.Transpose"/>
    /// makes them. Temporary memory: the ~1 MB codebook and the column counters.
    /// </remarks>
    /// <exception cref="DataException">A value is NaN or infinite (the message names its row and column).</exception>
    public static CompactCsrMatrix TransposeOf(CsrMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ThrowIfNotFinite(matrix);
        var book = ValueCodebook.TryBuild(matrix.Values);
        int nnz = matrix.NonZeros;
        var pointers = new int[matrix.Columns + 1];
        foreach (int column in matrix.ColumnIndices)
        {
            pointers[column + 1]++;
        }
        for (int c = 0; c < matrix.Columns; c++)
        {
            pointers[c + 1] += pointers[c];
        }
        var indices = new int[nnz];
        if (book is null)
        {
            var values = new float[nnz];
            Scatter(matrix, pointers, indices, values, new PlainValues());
            return new CompactCsrMatrix(matrix.Columns, matrix.Rows, pointers, indices, null, null, values, []);
        }
        var table = book.Table.ToArray();
        if (table.Length <= 256)
        {
            var codes = new byte[nnz];
            Scatter(matrix, pointers, indices, codes, new ByteCodes(book));
            return new CompactCsrMatrix(matrix.Columns, matrix.Rows, pointers, indices, codes, null, null, table);
        }
        var shortCodes = new ushort[nnz];
        Scatter(matrix, pointers, indices, shortCodes, new ShortCodes(book));
        return new CompactCsrMatrix(matrix.Columns, matrix.Rows, pointers, indices, null, shortCodes, null, table);
    }

    /// <summary>
    /// Writes every entry (row r, column c, value v) of <paramref name="matrix"/> to the next free
    /// slot of row c of the transpose: index r, stored form <paramref name="encoder"/>.Encode(v).
    /// The encoder is a struct type argument, so each encoding gets its own inlined loop.
    /// </summary>
    private static void Scatter<T, TEncoder>(CsrMatrix matrix, int[] pointers, int[] indices, T[] stored, TEncoder encoder)
        where T : unmanaged
        where TEncoder : struct, IValueEncoder<T>
    {
        var next = pointers.AsSpan(0, matrix.Columns).ToArray();
        for (int row = 0; row < matrix.Rows; row++)
        {
            var columns = matrix.RowIndices(row);
            var values = matrix.RowValues(row);
            for (int n = 0; n < columns.Length; n++)
            {
                int destination = next[columns[n]]++;
                indices[destination] = row;
                stored[destination] = encoder.Encode(values[n]);
            }
        }
    }

    private static void ThrowIfNotFinite(CsrMatrix matrix)
    {
        if (float.IsFinite(System.Numerics.Tensors.TensorPrimitives.Sum(matrix.Values) * 0f))
        {
            return; // A sum of finite floats times zero is zero; a NaN or infinity anywhere makes it NaN.
        }
        for (int row = 0; row < matrix.Rows; row++)
        {
            var values = matrix.RowValues(row);
            for (int n = 0; n < values.Length; n++)
            {
                if (!float.IsFinite(values[n]))
                {
                    throw new DataException(
                        $"Row {row}, column {matrix.RowIndices(row)[n]} holds {values[n]}; a compact matrix stores finite values only. "
                        + "Quarantine interactions with NaN or infinite values at ingest.");
                }
            }
        }
    }

    /// <summary>Turns a value into its stored form.</summary>
    private interface IValueEncoder<out T>
    {
        T Encode(float value);
    }

    private readonly struct PlainValues : IValueEncoder<float>
    {
        public float Encode(float value) => value;
    }

    private readonly struct ByteCodes(ValueCodebook book) : IValueEncoder<byte>
    {
        public byte Encode(float value) => (byte)book.Code(value);
    }

    private readonly struct ShortCodes(ValueCodebook book) : IValueEncoder<ushort>
    {
        public ushort Encode(float value) => (ushort)book.Code(value);
    }
}
