using System.Buffers.Binary;
using System.IO.Compression;

namespace SparkRecs.Warehouse.Reading;

/// <summary>
/// Decompresses a gzip file and, at its end, checks the decompressed size against the ISIZE field
/// of the gzip trailer (RFC 1952: the last 4 bytes, the size modulo 2^32).
/// </summary>
/// <remarks>
/// <see cref="GZipStream"/> reports a normal end of stream when a file is cut short (a half-copied
/// partition), which would silently drop the rest of a day. A truncated file ends in compressed
/// data, so its last 4 bytes match the size only by a 1 in 2^32 chance. A file made of several
/// concatenated gzip members carries only the last member's size and fails the check too: such
/// files are reported as corrupt and must be recompressed as one member (Spark and Hive write one).
/// </remarks>
internal sealed class GzipTrailerCheckingStream : Stream
{
    private const int MinimumGzipLength = 18;
    private readonly GZipStream _gzip;
    private readonly uint _expectedSize;
    private long _produced;

    public GzipTrailerCheckingStream(FileStream file)
    {
        if (file.Length < MinimumGzipLength)
        {
            throw new InvalidDataException($"{file.Length} bytes is shorter than any gzip file ({MinimumGzipLength} bytes)");
        }
        Span<byte> trailer = stackalloc byte[4];
        file.Seek(-4, SeekOrigin.End);
        file.ReadExactly(trailer);
        file.Seek(0, SeekOrigin.Begin);
        _expectedSize = BinaryPrimitives.ReadUInt32LittleEndian(trailer);
        _gzip = new GZipStream(file, CompressionMode.Decompress, leaveOpen: false);
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _produced; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int read = _gzip.Read(buffer);
        _produced += read;
        if (read == 0 && buffer.Length > 0 && (uint)_produced != _expectedSize)
        {
            throw new InvalidDataException($"the gzip data ends after {_produced:N0} bytes but its trailer records {_expectedSize:N0} (mod 2^32): the file is truncated or is several gzip members concatenated");
        }
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _gzip.Dispose();
        }
        base.Dispose(disposing);
    }
}
