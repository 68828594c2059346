using System.Buffers;
using System.Text;
using SparkRecs.Warehouse.Parquet.Writing;

namespace SparkRecs.Warehouse.Parquet;

/// <summary>
/// Writes flat Parquet files for what SparkRecs exports (events tables of the sample generator,
/// recommendations, factors): INT32, INT64, FLOAT, DOUBLE, STRING and TIMESTAMP(MILLIS) columns, required
/// or optional, in data page v1 with PLAIN values (strings dictionary-encoded when they repeat), RLE
/// definition levels, min/max and null-count statistics, page CRCs, Snappy or no compression, and as many
/// row groups as the caller starts.
/// <para>
/// Usage: <see cref="BeginRowGroup"/>, then one <c>Write*</c> call per column in schema order,
/// <see cref="EndRowGroup"/>; repeat; finally <see cref="Complete"/>. <b>Always call Complete</b>: it writes
/// the footer. Disposing an incomplete writer created from a path deletes the partial file, so a crash never
/// leaves something that looks like a table behind.
/// </para>
/// <para>
/// Factor matrices are written as one FLOAT column per dimension (<c>f0 .. f{rank-1}</c>) beside the key
/// column: a <c>list&lt;float&gt;</c> would need repetition levels, which this writer deliberately does not produce.
/// </para>
/// </summary>
public sealed partial class ParquetWriter : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _ownsStream;
    private readonly string? _path;
    private readonly ParquetWriterColumn[] _columns;
    private readonly ParquetWriterOptions _options;
    private readonly List<RowGroupRecord> _rowGroups = [];
    private readonly ArrayBufferWriter<byte> _scratch = new();
    private long _position;
    private int _groupRows = -1;
    private long _groupOffset;
    private List<ChunkRecord>? _groupChunks;
    private bool _completed;
    private bool _disposed;

    /// <summary>Creates a writer over a stream (positioned at the start of the file).</summary>
    public ParquetWriter(Stream stream, IReadOnlyList<ParquetWriterColumn> columns, ParquetWriterOptions? options = null, bool leaveOpen = false)
        : this(stream, columns, options, ownsStream: !leaveOpen, path: null)
    {
    }

    private ParquetWriter(Stream stream, IReadOnlyList<ParquetWriterColumn> columns, ParquetWriterOptions? options, bool ownsStream, string? path)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 0)
        {
            throw new ArgumentException("A Parquet file needs at least one column.", nameof(columns));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (ParquetWriterColumn column in columns)
        {
            if (string.IsNullOrEmpty(column.Name) || !names.Add(column.Name))
            {
                throw new ArgumentException($"Column name '{column.Name}' is empty or repeated; names must be unique.", nameof(columns));
            }
        }

        _options = options ?? new ParquetWriterOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.PageRows, 1, nameof(options));
        _stream = stream;
        _ownsStream = ownsStream;
        _path = path;
        _columns = [.. columns];
        WriteRaw("PAR1"u8);
    }

    /// <summary>Rows written in completed row groups.</summary>
    public long RowsWritten { get; private set; }

    /// <summary>Creates (or overwrites) the file at <paramref name="path"/>.</summary>
    public static ParquetWriter Create(string path, IReadOnlyList<ParquetWriterColumn> columns, ParquetWriterOptions? options = null)
    {
        var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        try
        {
            return new ParquetWriter(stream, columns, options, ownsStream: true, path: path);
        }
        catch
        {
            stream.Dispose();
            File.Delete(path);
            throw;
        }
    }

    /// <summary>Starts a row group of <paramref name="rowCount"/> rows; every column must then be written once, in order.</summary>
    public void BeginRowGroup(int rowCount)
    {
        ThrowIfDone();
        ArgumentOutOfRangeException.ThrowIfNegative(rowCount);
        if (_groupChunks is not null)
        {
            throw new InvalidOperationException("The previous row group is still open: call EndRowGroup first.");
        }

        _groupRows = rowCount;
        _groupOffset = _position;
        _groupChunks = new List<ChunkRecord>(_columns.Length);
    }

    /// <summary>Writes the next column (INT32). <paramref name="validity"/>: empty = all present, else true where a value is present.</summary>
    public void WriteInt32(int column, ReadOnlySpan<int> values, ReadOnlySpan<bool> validity = default) =>
        WriteFixed(column, values, validity, ParquetWriterType.Int32);

    /// <summary>Writes the next column (INT64 or TIMESTAMP millis).</summary>
    public void WriteInt64(int column, ReadOnlySpan<long> values, ReadOnlySpan<bool> validity = default) =>
        WriteFixed(column, values, validity, _columns[CheckColumn(column)].Type == ParquetWriterType.TimestampMillis ? ParquetWriterType.TimestampMillis : ParquetWriterType.Int64);

    /// <summary>Writes the next column (FLOAT).</summary>
    public void WriteFloat(int column, ReadOnlySpan<float> values, ReadOnlySpan<bool> validity = default) =>
        WriteFixed(column, values, validity, ParquetWriterType.Float);

    /// <summary>Writes the next column (DOUBLE).</summary>
    public void WriteDouble(int column, ReadOnlySpan<double> values, ReadOnlySpan<bool> validity = default) =>
        WriteFixed(column, values, validity, ParquetWriterType.Double);

    /// <summary>Writes the next column (STRING) from .NET strings; null entries are nulls.</summary>
    public void WriteStrings(int column, IReadOnlyList<string?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var offsets = new int[values.Count + 1];
        var validity = new bool[values.Count];
        var bytes = new ArrayBufferWriter<byte>();
        for (int i = 0; i < values.Count; i++)
        {
            string? value = values[i];
            validity[i] = value is not null;
            if (value is not null)
            {
                int length = Encoding.UTF8.GetByteCount(value);
                Encoding.UTF8.GetBytes(value, bytes.GetSpan(length));
                bytes.Advance(length);
            }

            offsets[i + 1] = bytes.WrittenCount;
        }

        WriteStrings(column, offsets, bytes.WrittenSpan, validity);
    }

    /// <summary>
    /// Writes the next column (STRING) from UTF-8 bytes: value i is <c>utf8[offsets[i] .. offsets[i + 1])</c>
    /// (offsets has row count + 1 entries); null slots are those with validity false.
    /// </summary>
    public void WriteStrings(int column, ReadOnlySpan<int> offsets, ReadOnlySpan<byte> utf8, ReadOnlySpan<bool> validity = default)
    {
        int index = BeginColumn(column, ParquetWriterType.String, offsets.Length - 1, validity);
        _groupChunks!.Add(WriteStringChunk(_columns[index], offsets, utf8, validity));
    }

    /// <summary>Closes the current row group after checking that every column was written.</summary>
    public void EndRowGroup()
    {
        ThrowIfDone();
        if (_groupChunks is null)
        {
            throw new InvalidOperationException("No row group is open: call BeginRowGroup first.");
        }

        if (_groupChunks.Count != _columns.Length)
        {
            throw new InvalidOperationException(
                $"Row group has {_groupChunks.Count} of {_columns.Length} columns written; column '{_columns[_groupChunks.Count].Name}' is missing.");
        }

        _rowGroups.Add(new RowGroupRecord(_groupRows, _groupOffset, [.. _groupChunks]));
        RowsWritten += _groupRows;
        _groupChunks = null;
    }

    /// <summary>Writes the footer and flushes. The file is valid only after this call.</summary>
    public void Complete()
    {
        ThrowIfDone();
        if (_groupChunks is not null)
        {
            throw new InvalidOperationException("A row group is still open: call EndRowGroup before Complete.");
        }

        _scratch.Clear();
        FooterEncoder.WriteFileMetaData(_scratch, _columns, _rowGroups, _options.CreatedBy);
        int footerLength = _scratch.WrittenCount;
        WriteRaw(_scratch.WrittenSpan);
        Span<byte> tail = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(tail, footerLength);
        "PAR1"u8.CopyTo(tail.Slice(4));
        WriteRaw(tail);
        _stream.Flush();
        _completed = true;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_ownsStream)
        {
            _stream.Dispose();
        }

        if (!_completed && _path is not null)
        {
            File.Delete(_path);
        }
    }

    private int CheckColumn(int column)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(column);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(column, _columns.Length);
        return column;
    }

    private int BeginColumn(int column, ParquetWriterType type, int length, ReadOnlySpan<bool> validity)
    {
        ThrowIfDone();
        CheckColumn(column);
        if (_groupChunks is null)
        {
            throw new InvalidOperationException("No row group is open: call BeginRowGroup first.");
        }

        if (column != _groupChunks.Count)
        {
            throw new InvalidOperationException($"Columns must be written in schema order: expected column {_groupChunks.Count} ('{_columns[_groupChunks.Count].Name}'), got {column}.");
        }

        ParquetWriterColumn definition = _columns[column];
        if (definition.Type != type)
        {
            throw new InvalidOperationException($"Column '{definition.Name}' is {definition.Type}; it cannot be written as {type}.");
        }

        if (length != _groupRows)
        {
            throw new ArgumentException($"Column '{definition.Name}' got {length} values for a row group of {_groupRows} rows.");
        }

        if (!validity.IsEmpty)
        {
            if (validity.Length != length)
            {
                throw new ArgumentException($"Column '{definition.Name}': validity has {validity.Length} entries for {length} values.");
            }

            if (!definition.IsOptional && validity.Contains(false))
            {
                throw new ArgumentException($"Column '{definition.Name}' is required but a null was given; declare it IsOptional.");
            }
        }

        return column;
    }

    private void ThrowIfDone()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_completed)
        {
            throw new InvalidOperationException("The file is already complete.");
        }
    }

    private void WriteRaw(ReadOnlySpan<byte> bytes)
    {
        _stream.Write(bytes);
        _position += bytes.Length;
    }
}
