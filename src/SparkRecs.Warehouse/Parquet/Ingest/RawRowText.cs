using System.Globalization;

namespace SparkRecs.Warehouse.Parquet.Ingest;

/// <summary>
/// Renders a Parquet row's mapped fields as one comma-separated line (<c>user,item,time,value,type</c>),
/// the "raw text" the quarantine file shows for a rejected row. A typed time is written as its Unix
/// milliseconds. The buffer is reused, so the span is valid until the next <see cref="Render"/>.
/// </summary>
internal sealed class RawRowText
{
    private char[] _buffer = new char[256];

    /// <summary>The row's rendering.</summary>
    public ReadOnlySpan<char> Render(ReadOnlySpan<char> user, ReadOnlySpan<char> item, ReadOnlySpan<char> time, long? typedTime, ReadOnlySpan<char> value, ReadOnlySpan<char> eventType)
    {
        int needed = user.Length + item.Length + time.Length + value.Length + eventType.Length + 24;
        if (_buffer.Length < needed)
        {
            _buffer = new char[Math.Max(needed, _buffer.Length * 2)];
        }

        Span<char> text = _buffer;
        int at = 0;
        user.CopyTo(text);
        at += user.Length;
        text[at++] = ',';
        item.CopyTo(text[at..]);
        at += item.Length;
        text[at++] = ',';
        if (typedTime is { } ms)
        {
            ms.TryFormat(text[at..], out int written, default, CultureInfo.InvariantCulture);
            at += written;
        }
        else
        {
            time.CopyTo(text[at..]);
            at += time.Length;
        }

        text[at++] = ',';
        value.CopyTo(text[at..]);
        at += value.Length;
        text[at++] = ',';
        eventType.CopyTo(text[at..]);
        at += eventType.Length;
        return text[..at];
    }
}
