namespace SparkRecs.Warehouse.Parquet;

/// <summary>
/// The values of one column of one row group, in the typed array that <see cref="Kind"/> names: no boxing,
/// no per-value strings. Byte-array values (strings, blobs) live in one buffer addressed by offsets, so
/// <see cref="GetBytes"/> returns a span and the caller decides whether a string is needed at all (the
/// ingest hashes the bytes straight into its key index). Null slots hold the type's default value
/// (0, false, an empty span) and are marked in the validity mask: check <see cref="IsNull"/> before
/// trusting a value of an optional column.
/// <para>
/// Byte-array columns whose pages were all dictionary-encoded stay in that form: <see cref="Dictionary"/> holds
/// the distinct values and <see cref="DictionaryIndices"/> one index per row (-1 for null), so a caller mapping
/// keys to ids can look each distinct value up once. <see cref="GetBytes"/> works in either form;
/// <see cref="Offsets"/>/<see cref="Data"/> materialise the flat form on first use.
/// </para>
/// </summary>
public sealed class ParquetColumn
{
    private readonly bool[]? _valid;
    private readonly bool[]? _booleans;
    private readonly int[]? _int32s;
    private readonly long[]? _int64s;
    private readonly float[]? _floats;
    private readonly double[]? _doubles;
    private readonly int[]? _indices;
    private readonly Lock _materializeLock = new();
    private int[]? _offsets;
    private byte[]? _bytes;

    internal ParquetColumn(
        ParquetColumnSchema schema,
        int length,
        bool[]? valid,
        bool[]? booleans = null,
        int[]? int32s = null,
        long[]? int64s = null,
        float[]? floats = null,
        double[]? doubles = null,
        int[]? offsets = null,
        byte[]? bytes = null,
        ParquetColumn? dictionary = null,
        int[]? dictionaryIndices = null)
    {
        Dictionary = dictionary;
        _indices = dictionaryIndices;
        Schema = schema;
        Length = length;
        _valid = valid;
        _booleans = booleans;
        _int32s = int32s;
        _int64s = int64s;
        _floats = floats;
        _doubles = doubles;
        _offsets = offsets;
        _bytes = bytes;
        int nulls = 0;
        if (valid is not null)
        {
            for (int i = 0; i < length; i++)
            {
                nulls += valid[i] ? 0 : 1;
            }
        }

        NullCount = nulls;
    }

    /// <summary>The column's schema.</summary>
    public ParquetColumnSchema Schema { get; }

    /// <summary>The column's name.</summary>
    public string Name => Schema.Name;

    /// <summary>Which accessor holds the values.</summary>
    public ParquetValueKind Kind => Schema.ValueKind;

    /// <summary>Number of rows (slots, nulls included).</summary>
    public int Length { get; }

    /// <summary>Number of null slots.</summary>
    public int NullCount { get; }

    /// <summary>Presence per slot (true = a value), or an empty span when the column has no nulls.</summary>
    public ReadOnlySpan<bool> Validity => _valid;

    /// <summary>Values of a <see cref="ParquetValueKind.Boolean"/> column.</summary>
    public ReadOnlySpan<bool> Booleans => Require(_booleans, nameof(Booleans));

    /// <summary>Values of an <see cref="ParquetValueKind.Int32"/> or <see cref="ParquetValueKind.Date"/> (days since epoch) column.</summary>
    public ReadOnlySpan<int> Int32s => Require(_int32s, nameof(Int32s));

    /// <summary>
    /// Values of an <see cref="ParquetValueKind.Int64"/>, <see cref="ParquetValueKind.UInt64"/> (bits of ulong) or
    /// <see cref="ParquetValueKind.TimestampMillis"/> (Unix milliseconds) column.
    /// </summary>
    public ReadOnlySpan<long> Int64s => Require(_int64s, nameof(Int64s));

    /// <summary>Values of a <see cref="ParquetValueKind.Float"/> column.</summary>
    public ReadOnlySpan<float> Floats => Require(_floats, nameof(Floats));

    /// <summary>Values of a <see cref="ParquetValueKind.Double"/> column.</summary>
    public ReadOnlySpan<double> Doubles => Require(_doubles, nameof(Doubles));

    /// <summary>For byte-array kinds: value i spans <c>Data[Offsets[i] .. Offsets[i + 1])</c>; Offsets has Length + 1 entries.</summary>
    public ReadOnlySpan<int> Offsets
    {
        get
        {
            Materialize();
            return Require(_offsets, nameof(Offsets));
        }
    }

    /// <summary>For byte-array kinds: the concatenated value bytes.</summary>
    public ReadOnlySpan<byte> Data
    {
        get
        {
            Materialize();
            return _offsets is null ? Require(_bytes, nameof(Data)) : _bytes.AsSpan(0, _offsets[Length]);
        }
    }

    /// <summary>True when the values are held as <see cref="Dictionary"/> + <see cref="DictionaryIndices"/>.</summary>
    public bool IsDictionaryEncoded => _indices is not null;

    /// <summary>The distinct values of a dictionary-encoded column (a column of the same kind), else null.</summary>
    public ParquetColumn? Dictionary { get; }

    /// <summary>Per row, the index into <see cref="Dictionary"/>, or -1 for a null row.</summary>
    public ReadOnlySpan<int> DictionaryIndices => Require(_indices, nameof(DictionaryIndices));

    /// <summary>True when slot <paramref name="row"/> is null.</summary>
    public bool IsNull(int row) => _valid is not null && !_valid[row];

    /// <summary>The bytes of value <paramref name="row"/> of a String or Binary column (empty for a null).</summary>
    public ReadOnlySpan<byte> GetBytes(int row)
    {
        if (_indices is not null)
        {
            int index = _indices[row];
            return index < 0 ? default : Dictionary!.GetBytes(index);
        }

        int[] offsets = Require(_offsets, nameof(GetBytes));
        return _bytes.AsSpan(offsets[row], offsets[row + 1] - offsets[row]);
    }

    /// <summary>Value <paramref name="row"/> decoded as UTF-8, or null for a null slot. Allocates: avoid in hot loops.</summary>
    public string? GetString(int row) => IsNull(row) ? null : System.Text.Encoding.UTF8.GetString(GetBytes(row));

    /// <summary>Builds the flat offsets + bytes form of a dictionary-encoded column, once.</summary>
    private void Materialize()
    {
        if (_indices is null || _offsets is not null)
        {
            return;
        }

        lock (_materializeLock)
        {
            if (_offsets is not null)
            {
                return;
            }

            var offsets = new int[Length + 1];
            long total = 0;
            for (int i = 0; i < Length; i++)
            {
                total += GetBytes(i).Length;
                if (total > Array.MaxLength)
                {
                    throw new InvalidOperationException($"Column '{Name}' holds more than 2 GB of bytes; read it through Dictionary and DictionaryIndices.");
                }

                offsets[i + 1] = (int)total;
            }

            var bytes = new byte[total];
            for (int i = 0; i < Length; i++)
            {
                GetBytes(i).CopyTo(bytes.AsSpan(offsets[i]));
            }

            _bytes = bytes;
            Volatile.Write(ref _offsets, offsets);
        }
    }

    private T[] Require<T>(T[]? array, string accessor) =>
        array ?? throw new InvalidOperationException($"Column '{Name}' holds {Kind} values; {accessor} is not available for it.");
}
