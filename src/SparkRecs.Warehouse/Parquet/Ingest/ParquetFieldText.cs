using System.Globalization;
using System.Text;

namespace SparkRecs.Warehouse.Parquet.Ingest;

/// <summary>
/// One mapped event field of the row group being read, as the text the ingest's sink validates: a
/// span per row over a buffer this object owns and reuses from row group to row group.
/// </summary>
/// <remarks>
/// <para>
/// A dictionary-encoded string chunk is decoded once per distinct value: the dictionary's entries
/// are turned into UTF-16 once, and each row is just an index into them. A flat string chunk is
/// decoded in one pass at load. Numbers (INT32/INT64, widened integers, FLOAT, DOUBLE, DECIMAL) are
/// formatted invariantly at load, so a key stored as INT32 one day and INT64 or STRING the next
/// gives the same key text, and a value column of any numeric width goes through the same
/// number validation as a CSV field.
/// </para>
/// <para>
/// A null slot, a column missing from the file, or an unmapped field is an empty span: the sink
/// treats it exactly like an empty CSV field. Typed times (TIMESTAMP, INT96, DATE) are kept as Unix
/// milliseconds (<see cref="TryGetMillis"/>) and need no parsing.
/// </para>
/// </remarks>
internal sealed class ParquetFieldText
{
    private const long MillisPerDay = 86_400_000;

    /// <summary>Throws on invalid bytes instead of substituting U+FFFD, which could merge two different binary keys into one.</summary>
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private Mode _mode = Mode.Empty;
    private string? _constant;
    private char[] _chars = new char[1 << 12];
    private int[] _starts = new int[1 << 10];
    private int[] _rowEntry = new int[1 << 10];
    private long[] _millis = [];
    private bool[] _millisValid = [];

    private enum Mode
    {
        /// <summary>Every row is empty (unmapped field, or a column missing from this file).</summary>
        Empty,

        /// <summary>Every row is the partition value <see cref="_constant"/>.</summary>
        Constant,

        /// <summary>Row i is dictionary entry <see cref="_rowEntry"/>[i] (-1 = null), whose text is in <see cref="_chars"/>.</summary>
        Dictionary,

        /// <summary>Row i is <see cref="_chars"/>[<see cref="_starts"/>[i] .. <see cref="_starts"/>[i + 1]).</summary>
        PerRow,

        /// <summary>Typed time: <see cref="_millis"/>[i] when <see cref="_millisValid"/>[i]; no text.</summary>
        Millis,
    }

    /// <summary>Entries of the loaded chunk's dictionary, or 0 when the chunk is not dictionary-encoded text.</summary>
    public int DictionaryEntries { get; private set; }

    /// <summary>True when the loaded column is a typed time (no parsing needed).</summary>
    public bool IsTypedTime => _mode == Mode.Millis;

    /// <summary>Every row empty (an unmapped field, or a column the file does not have).</summary>
    public void SetEmpty()
    {
        _mode = Mode.Empty;
        DictionaryEntries = 0;
        _constant = null;
    }

    /// <summary>Every row is <paramref name="value"/> (a partition value used as a column).</summary>
    public void SetConstant(string value)
    {
        _mode = Mode.Constant;
        DictionaryEntries = 0;
        _constant = value;
    }

    /// <summary>Prepares the text of every row of <paramref name="column"/>.</summary>
    /// <exception cref="DecoderFallbackException">A string or binary value is not valid UTF-8.</exception>
    /// <param name="column">The column chunk just read.</param>
    /// <param name="typedTime">True for the timestamp field: TIMESTAMP and DATE columns are then kept as milliseconds.</param>
    public void Load(ParquetColumn column, bool typedTime)
    {
        _constant = null;
        DictionaryEntries = 0;
        switch (column.Kind)
        {
            case ParquetValueKind.TimestampMillis when typedTime:
                LoadMillis(column, column.Int64s);
                break;
            case ParquetValueKind.Date when typedTime:
                LoadDays(column, column.Int32s);
                break;
            case ParquetValueKind.String or ParquetValueKind.Binary when column.IsDictionaryEncoded:
                LoadDictionary(column);
                break;
            case ParquetValueKind.String or ParquetValueKind.Binary:
                LoadUtf8(column);
                break;
            default:
                LoadFormatted(column);
                break;
        }
    }

    /// <summary>The text of <paramref name="row"/>; empty for a null, a missing column or a typed time.</summary>
    public ReadOnlySpan<char> Get(int row)
    {
        switch (_mode)
        {
            case Mode.Dictionary:
                int entry = _rowEntry[row];
                return entry < 0 ? default : _chars.AsSpan(_starts[entry], _starts[entry + 1] - _starts[entry]);
            case Mode.PerRow:
                return _chars.AsSpan(_starts[row], _starts[row + 1] - _starts[row]);
            case Mode.Constant:
                return _constant.AsSpan();
            default:
                return default;
        }
    }

    /// <summary>The dictionary entry of <paramref name="row"/>, or null when the chunk is not dictionary-encoded or the row is null.</summary>
    public int? EntryOf(int row)
    {
        if (_mode != Mode.Dictionary)
        {
            return null;
        }

        int entry = _rowEntry[row];
        return entry < 0 ? null : entry;
    }

    /// <summary>The typed time of <paramref name="row"/> in Unix ms; false for a null or when the column is not a typed time.</summary>
    public bool TryGetMillis(int row, out long unixMs)
    {
        if (_mode == Mode.Millis && _millisValid[row])
        {
            unixMs = _millis[row];
            return true;
        }

        unixMs = 0;
        return false;
    }

    private void LoadMillis(ParquetColumn column, ReadOnlySpan<long> millis)
    {
        PrepareMillis(column);
        millis.CopyTo(_millis);
    }

    private void LoadDays(ParquetColumn column, ReadOnlySpan<int> days)
    {
        PrepareMillis(column);
        for (int i = 0; i < days.Length; i++)
        {
            _millis[i] = days[i] * MillisPerDay;
        }
    }

    private void PrepareMillis(ParquetColumn column)
    {
        _mode = Mode.Millis;
        int length = column.Length;
        if (_millis.Length < length)
        {
            _millis = new long[length];
            _millisValid = new bool[length];
        }

        for (int i = 0; i < length; i++)
        {
            _millisValid[i] = !column.IsNull(i);
        }
    }

    private void LoadDictionary(ParquetColumn column)
    {
        _mode = Mode.Dictionary;
        ParquetColumn dictionary = column.Dictionary!;
        DecodeUtf8(dictionary);
        DictionaryEntries = dictionary.Length;
        ReadOnlySpan<int> indices = column.DictionaryIndices;
        EnsureRows(ref _rowEntry, indices.Length);
        indices.CopyTo(_rowEntry);
    }

    private void LoadUtf8(ParquetColumn column)
    {
        _mode = Mode.PerRow;
        DecodeUtf8(column);
    }

    /// <summary>Decodes every value of a flat string column into <see cref="_chars"/> with <see cref="_starts"/> (nulls empty).</summary>
    private void DecodeUtf8(ParquetColumn column)
    {
        int length = column.Length;
        EnsureRows(ref _starts, length + 1);
        ReadOnlySpan<byte> data = column.Data;
        if (_chars.Length < data.Length)
        {
            // UTF-8 never takes fewer bytes than UTF-16 code units, so the byte count bounds the char count.
            _chars = new char[Math.Max(data.Length, _chars.Length * 2)];
        }

        ReadOnlySpan<int> offsets = column.Offsets;
        int written = 0;
        _starts[0] = 0;
        for (int i = 0; i < length; i++)
        {
            ReadOnlySpan<byte> value = data[offsets[i]..offsets[i + 1]];
            written += StrictUtf8.GetChars(value, _chars.AsSpan(written));
            _starts[i + 1] = written;
        }
    }

    /// <summary>Formats every value of a numeric or boolean column invariantly (nulls empty).</summary>
    private void LoadFormatted(ParquetColumn column)
    {
        _mode = Mode.PerRow;
        int length = column.Length;
        EnsureRows(ref _starts, length + 1);
        int widest = WidestText(column.Kind);
        if (_chars.Length < (long)length * widest)
        {
            _chars = new char[Math.Max(length * widest, _chars.Length * 2)];
        }

        int position = 0;
        _starts[0] = 0;
        for (int i = 0; i < length; i++)
        {
            if (!column.IsNull(i))
            {
                position += Format(column, i, _chars.AsSpan(position, widest));
            }

            _starts[i + 1] = position;
        }
    }

    /// <summary>The longest invariant text of one value of <paramref name="kind"/> ("-2147483648", "-1.7976931348623157E+308", ...).</summary>
    private static int WidestText(ParquetValueKind kind) => kind switch
    {
        ParquetValueKind.Boolean => 5,
        ParquetValueKind.Int32 or ParquetValueKind.Date => 11,
        ParquetValueKind.Float => 16,
        ParquetValueKind.Double => 24,
        _ => 20,
    };

    private static int Format(ParquetColumn column, int row, Span<char> destination)
    {
        CultureInfo invariant = CultureInfo.InvariantCulture;
        int written;
        bool done;
        switch (column.Kind)
        {
            case ParquetValueKind.Boolean:
                ReadOnlySpan<char> text = column.Booleans[row] ? "true" : "false";
                done = text.TryCopyTo(destination);
                written = text.Length;
                break;
            case ParquetValueKind.Int32 or ParquetValueKind.Date:
                done = column.Int32s[row].TryFormat(destination, out written, default, invariant);
                break;
            case ParquetValueKind.UInt64:
                done = unchecked((ulong)column.Int64s[row]).TryFormat(destination, out written, default, invariant);
                break;
            case ParquetValueKind.Float:
                done = column.Floats[row].TryFormat(destination, out written, "R", invariant);
                break;
            case ParquetValueKind.Double:
                done = column.Doubles[row].TryFormat(destination, out written, "R", invariant);
                break;
            default:
                done = column.Int64s[row].TryFormat(destination, out written, default, invariant);
                break;
        }

        return done ? written : throw new InvalidOperationException($"Value {row} of column '{column.Name}' does not fit in {destination.Length} characters.");
    }

    private static void EnsureRows(ref int[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            buffer = new int[Math.Max(length, buffer.Length * 2)];
        }
    }
}
