using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;
using SparkRecs.Core.Errors;
using SparkRecs.Warehouse.Parquet.Metadata;
using SparkRecs.Warehouse.Parquet.Reading;

namespace SparkRecs.Warehouse.Parquet;

/// <summary>
/// An open Parquet file with a flat schema: its columns, row groups and statistics, and column-at-a-time
/// reads with projection (only the chunk of the requested column is read from disk).
/// <para>
/// Layout (parquet-format): <c>"PAR1" | column chunks | footer | footer length (4 bytes LE) | "PAR1"</c>.
/// The footer is Thrift compact <c>FileMetaData</c>. Each row group holds one chunk per leaf column; a chunk
/// is a sequence of pages, each a Thrift <c>PageHeader</c> followed by its (possibly compressed) bytes.
/// </para>
/// <para>
/// Every problem with the file raises <see cref="ParquetFormatException"/> naming the file, the column and
/// the damage or unsupported feature. <see cref="ReadColumn(int, string)"/> may be called concurrently from
/// several threads (reads are positional and share no mutable state).
/// </para>
/// </summary>
public sealed partial class ParquetFile : IDisposable
{
    private static ReadOnlySpan<byte> Magic => "PAR1"u8;

    private static ReadOnlySpan<byte> EncryptedMagic => "PARE"u8;

    private readonly SafeFileHandle _handle;
    private readonly long _length;
    private readonly FileMetaData _metadata;
    private readonly ColumnDescriptor[] _columns;
    private readonly Dictionary<string, int> _columnsByName;

    private ParquetFile(string path, SafeFileHandle handle, long length, FileMetaData metadata, ColumnDescriptor[] columns, ParquetRowGroup[] rowGroups)
    {
        Path = path;
        _handle = handle;
        _length = length;
        _metadata = metadata;
        _columns = columns;
        RowGroups = rowGroups;
        Columns = Array.ConvertAll(columns, c => c.Schema);
        _columnsByName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < columns.Length; i++)
        {
            _columnsByName.TryAdd(columns[i].Schema.Name, i);
        }
    }

    /// <summary>The file path given to <see cref="Open"/>.</summary>
    public string Path { get; }

    /// <summary>Leaf columns in file order, including ones that cannot be read (see <see cref="ParquetColumnSchema.UnsupportedReason"/>).</summary>
    public IReadOnlyList<ParquetColumnSchema> Columns { get; }

    /// <summary>Row groups in file order.</summary>
    public IReadOnlyList<ParquetRowGroup> RowGroups { get; }

    /// <summary>Total rows, from the footer.</summary>
    public long RowCount => _metadata.NumRows;

    /// <summary>The writer's self-description (e.g. <c>parquet-mr version 1.13.1</c>), when present.</summary>
    public string? CreatedBy => _metadata.CreatedBy;

    /// <summary>
    /// Opens a file and decodes its footer. Throws <see cref="ParquetFormatException"/> when the file is not
    /// Parquet, is truncated, or is encrypted; <see cref="DataException"/> when it cannot be opened at all.
    /// </summary>
    public static ParquetFile Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataException($"Parquet file '{path}' cannot be opened: {e.Message}", e);
        }

        try
        {
            return OpenFromHandle(path, handle);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Looks a column up by name (the dotted path for nested schemas); false when absent.</summary>
    public bool TryGetColumn(string name, out ParquetColumnSchema column)
    {
        if (_columnsByName.TryGetValue(name, out int index))
        {
            column = _columns[index].Schema;
            return true;
        }

        column = null!;
        return false;
    }

    /// <summary>Looks a column up by name; throws <see cref="DataException"/> listing the file's columns when absent.</summary>
    public ParquetColumnSchema GetColumn(string name) =>
        TryGetColumn(name, out ParquetColumnSchema column)
            ? column
            : throw new DataException(
                $"Parquet file '{Path}' has no column '{name}'. Its columns are: {string.Join(", ", _columns.Select(c => c.Schema.Name))}. "
                + "Check the column mapping in the job configuration.");

    /// <inheritdoc />
    public void Dispose() => _handle.Dispose();

    private static ParquetFile OpenFromHandle(string path, SafeFileHandle handle)
    {
        long length = RandomAccess.GetLength(handle);
        if (length < 12)
        {
            throw new ParquetFormatException(ParquetProblem.Corrupt, path, null, $"file is {length} bytes, shorter than the 12 bytes of an empty Parquet file");
        }

        Span<byte> head = stackalloc byte[4];
        Span<byte> tail = stackalloc byte[8];
        RandomAccess.Read(handle, head, 0);
        RandomAccess.Read(handle, tail, length - 8);
        if (tail.Slice(4).SequenceEqual(EncryptedMagic))
        {
            throw new ParquetFormatException(ParquetProblem.Unsupported, path, null, "encrypted footer (Parquet modular encryption, magic PARE)");
        }

        if (!head.SequenceEqual(Magic) || !tail.Slice(4).SequenceEqual(Magic))
        {
            throw new ParquetFormatException(ParquetProblem.Corrupt, path, null, "bad magic: the file does not start and end with 'PAR1' (not Parquet, or truncated)");
        }

        int footerLength = BinaryPrimitives.ReadInt32LittleEndian(tail);
        if (footerLength <= 0 || footerLength > length - 12)
        {
            throw new ParquetFormatException(ParquetProblem.Corrupt, path, null, $"footer length {footerLength} does not fit in a file of {length} bytes (truncated footer)");
        }

        byte[] footer = new byte[footerLength];
        ReadExactly(handle, footer, length - 8 - footerLength);
        FileMetaData metadata;
        ColumnDescriptor[] columns;
        try
        {
            metadata = MetadataDecoder.ReadFileMetaData(footer);
            columns = SchemaResolver.Resolve(metadata.Schema);
        }
        catch (InvalidDataException e)
        {
            throw new ParquetFormatException(ParquetProblem.Corrupt, path, null, $"footer does not decode ({e.Message})", e);
        }

        if (metadata.HasEncryptionAlgorithm)
        {
            throw new ParquetFormatException(ParquetProblem.Unsupported, path, null, "encrypted columns (Parquet modular encryption with a plaintext footer)");
        }

        var rowGroups = new ParquetRowGroup[metadata.RowGroups.Length];
        for (int g = 0; g < rowGroups.Length; g++)
        {
            RowGroup group = metadata.RowGroups[g];
            if (group.Columns.Length != columns.Length)
            {
                throw new ParquetFormatException(ParquetProblem.Corrupt, path, null, $"row group {g} has {group.Columns.Length} column chunks for {columns.Length} schema columns");
            }

            var stats = new ParquetColumnStatistics[columns.Length];
            for (int c = 0; c < columns.Length; c++)
            {
                stats[c] = StatisticsDecoder.Decode(columns[c], group.Columns[c].MetaData?.Statistics);
            }

            rowGroups[g] = new ParquetRowGroup(g, group.NumRows, group.TotalByteSize, stats);
        }

        return new ParquetFile(path, handle, length, metadata, columns, rowGroups);
    }

    private static void ReadExactly(SafeFileHandle handle, Span<byte> destination, long offset)
    {
        while (!destination.IsEmpty)
        {
            int read = RandomAccess.Read(handle, destination, offset);
            if (read <= 0)
            {
                throw new IOException("unexpected end of file");
            }

            destination = destination.Slice(read);
            offset += read;
        }
    }
}
