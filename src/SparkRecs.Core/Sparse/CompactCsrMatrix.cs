namespace SparkRecs.Core.Sparse;

/// <summary>
/// A sparse matrix in compressed sparse row form whose values are stored compactly: one byte per
/// non-zero (plus a table of at most 256 floats) when the matrix holds at most 256 distinct values,
/// two bytes when it holds at most 65,536, plain floats otherwise. Lossless to the bit.
/// </summary>
/// <remarks>
/// <para><b>Why.</b> Interaction values take few distinct values: play or view counts, star ratings
/// from 0.5 to 5, a 1 for every click. A float per non-zero spends four bytes on what one byte
/// names. ALS keeps the interactions twice, user x item (<see cref="CsrMatrix"/>) and item x user;
/// holding the second one as a <see cref="CompactCsrMatrix"/> made by <see cref="TransposeOf"/>
/// costs <c>5 nnz + 4 (rows + 1)</c> bytes instead of <c>8 nnz + 4 (rows + 1)</c>.</para>
/// <para><b>Reading.</b> <see cref="RowValues"/> decodes a slice of a row into a caller-supplied
/// buffer (a table look-up per value) and returns it, or returns the stored floats themselves for
/// <see cref="ValueEncoding.Single"/>; kernels that want float spans read them that way, a slice at a
/// time, with no allocation.</para>
/// <para>Only finite values are stored: NaN has many bit patterns and no place in training data, so
/// building one from a matrix with NaN or infinity fails and names the entry.</para>
/// </remarks>
public sealed partial class CompactCsrMatrix
{
    private readonly int[] _rowPointers;
    private readonly int[] _columnIndices;
    private readonly byte[]? _byteCodes;
    private readonly ushort[]? _shortCodes;
    private readonly float[]? _values;
    private readonly float[] _table;

    private CompactCsrMatrix(int rows, int columns, int[] rowPointers, int[] columnIndices, byte[]? byteCodes, ushort[]? shortCodes, float[]? values, float[] table)
    {
        Rows = rows;
        Columns = columns;
        _rowPointers = rowPointers;
        _columnIndices = columnIndices;
        _byteCodes = byteCodes;
        _shortCodes = shortCodes;
        _values = values;
        _table = table;
        Encoding = byteCodes is not null ? ValueEncoding.Byte : shortCodes is not null ? ValueEncoding.UInt16 : ValueEncoding.Single;
    }

    /// <summary>Number of rows.</summary>
    public int Rows { get; }

    /// <summary>Number of columns.</summary>
    public int Columns { get; }

    /// <summary>Number of stored non-zeros.</summary>
    public int NonZeros => _rowPointers[Rows];

    /// <summary>How the values are stored.</summary>
    public ValueEncoding Encoding { get; }

    /// <summary>The distinct values in increasing order, indexed by the codes; empty for <see cref="ValueEncoding.Single"/>.</summary>
    public ReadOnlySpan<float> ValueTable => _table;

    /// <summary>Row start offsets, <c>Rows + 1</c> entries.</summary>
    public ReadOnlySpan<int> RowPointers => _rowPointers;

    /// <summary>Column index of each non-zero.</summary>
    public ReadOnlySpan<int> ColumnIndices => _columnIndices.AsSpan(0, NonZeros);

    /// <summary>Bytes held by the row pointers, column indices, codes (or values) and table.</summary>
    public long MemoryBytes =>
        4L * _rowPointers.Length + 4L * _columnIndices.Length + 4L * _table.Length
        + (_byteCodes?.LongLength ?? 0L) + 2L * (_shortCodes?.LongLength ?? 0L) + 4L * (_values?.LongLength ?? 0L);

    /// <summary>Number of non-zeros in row <paramref name="row"/>.</summary>
    public int RowLength(int row) => _rowPointers[row + 1] - _rowPointers[row];

    /// <summary>Column indices of row <paramref name="row"/>, increasing.</summary>
    public ReadOnlySpan<int> RowIndices(int row)
        => _columnIndices.AsSpan(_rowPointers[row], _rowPointers[row + 1] - _rowPointers[row]);

    /// <summary>
    /// The values of entries <c>[start, start + count)</c> of row <paramref name="row"/>, aligned
    /// with <c>RowIndices(row).Slice(start, count)</c>: decoded into the first <paramref name="count"/>
    /// floats of <paramref name="buffer"/> and returned from there, or, for
    /// <see cref="ValueEncoding.Single"/>, the stored floats themselves (the buffer is not touched).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The slice is outside the row.</exception>
    /// <exception cref="ArgumentException">The values are encoded and <paramref name="buffer"/> is shorter than <paramref name="count"/>.</exception>
    public ReadOnlySpan<float> RowValues(int row, int start, int count, Span<float> buffer)
    {
        int first = _rowPointers[row];
        if ((uint)start > (uint)(_rowPointers[row + 1] - first) || (uint)count > (uint)(_rowPointers[row + 1] - first - start))
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"Entries {start}..{start + count} are outside row {row}, which has {RowLength(row)}.");
        }
        first += start;
        if (_values is not null)
        {
            return _values.AsSpan(first, count);
        }
        if (buffer.Length < count)
        {
            throw new ArgumentException($"Decoding {count} values needs a buffer of at least {count} floats, got {buffer.Length}.", nameof(buffer));
        }
        var destination = buffer[..count];
        ReadOnlySpan<float> table = _table;
        if (_byteCodes is not null)
        {
            var codes = _byteCodes.AsSpan(first, count);
            for (int n = 0; n < codes.Length; n++)
            {
                destination[n] = table[codes[n]];
            }
        }
        else
        {
            var codes = _shortCodes!.AsSpan(first, count);
            for (int n = 0; n < codes.Length; n++)
            {
                destination[n] = table[codes[n]];
            }
        }
        return destination;
    }

    /// <summary>The same matrix with plain float values (a new <see cref="CsrMatrix"/>; the index arrays are copied).</summary>
    public CsrMatrix ToCsrMatrix()
    {
        var values = new float[NonZeros];
        for (int row = 0; row < Rows; row++)
        {
            RowValues(row, 0, RowLength(row), values.AsSpan(_rowPointers[row])).CopyTo(values.AsSpan(_rowPointers[row]));
        }
        return new CsrMatrix(Rows, Columns, _rowPointers.ToArray(), ColumnIndices.ToArray(), values);
    }

    /// <summary>
    /// A view of <paramref name="matrix"/> as a <see cref="ValueEncoding.Single"/> compact matrix that
    /// shares its arrays (no copy), so code written for compact rows also reads float matrices.
    /// </summary>
    internal static CompactCsrMatrix Wrap(CsrMatrix matrix)
        => new(matrix.Rows, matrix.Columns, matrix.RowPointerArray, matrix.ColumnIndexArray, null, null, matrix.ValueArray, []);
}
