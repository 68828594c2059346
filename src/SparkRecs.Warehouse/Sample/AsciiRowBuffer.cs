using System.Buffers.Text;

namespace SparkRecs.Warehouse.Sample;

/// <summary>Builds ASCII rows in a byte buffer and flushes it to a stream in large writes, formatting numbers without strings.</summary>
internal sealed class AsciiRowBuffer(Stream output)
{
    private const int FlushAt = (1 << 16) - 512;
    private readonly byte[] _buffer = new byte[1 << 16];
    private int _length;

    public AsciiRowBuffer Append(char c)
    {
        _buffer[_length++] = (byte)c;
        return this;
    }

    public AsciiRowBuffer Append(ReadOnlySpan<byte> ascii)
    {
        ascii.CopyTo(_buffer.AsSpan(_length));
        _length += ascii.Length;
        return this;
    }

    public AsciiRowBuffer Append(long value)
    {
        Utf8Formatter.TryFormat(value, _buffer.AsSpan(_length), out int written);
        _length += written;
        return this;
    }

    /// <summary>Appends <paramref name="value"/> as exactly <paramref name="digits"/> digits, zero-padded.</summary>
    public AsciiRowBuffer AppendPadded(int value, int digits)
    {
        for (int i = digits - 1; i >= 0; i--)
        {
            _buffer[_length + i] = (byte)('0' + value % 10);
            value /= 10;
        }
        _length += digits;
        return this;
    }

    /// <summary>Ends a row; writes the buffer out when it is nearly full.</summary>
    public void EndRow()
    {
        _buffer[_length++] = (byte)'\n';
        if (_length >= FlushAt)
        {
            Flush();
        }
    }

    public void Flush()
    {
        output.Write(_buffer, 0, _length);
        _length = 0;
    }
}
