using System.Buffers;
using SparkRecs.Core.Errors;

namespace SparkRecs.Warehouse.Reading;

/// <summary>
/// Splits delimited text into records and fields without allocating per record: text is read
/// into a pooled <see cref="char"/> buffer and fields are exposed as spans into it.
/// </summary>
/// <remarks>
/// <para>
/// With quoting on, fields follow RFC 4180: a field starting with <c>"</c> runs to the next lone
/// <c>"</c>, may contain delimiters and line breaks, and writes a quote as <c>""</c>. Such a field
/// is unescaped into a scratch buffer so the raw record stays intact for the quarantine file. A
/// quote inside an unquoted field is kept literally (lenient, as most exporters expect). Text after
/// a closing quote, or a quote never closed, marks the record <see cref="RejectReason.BadQuoting"/>.
/// </para>
/// <para>
/// Records end at <c>\n</c> or <c>\r\n</c>; empty lines are skipped. A record may span buffer
/// refills: parsing restarts at the record's start after more text is read (the buffer doubles,
/// up to <see cref="MaxRecordChars"/>, when one record does not fit).
/// </para>
/// </remarks>
internal sealed partial class DelimitedRecordReader : IDisposable
{
    /// <summary>The longest record accepted; longer ones are almost always an unclosed quote.</summary>
    public const int MaxRecordChars = 1 << 24;

    private const char Quote = '"';
    private readonly TextReader _reader;
    private readonly char _delimiter;
    private readonly bool _quoting;
    private readonly string _fileName;
    private char[] _buffer;
    private char[] _scratch;
    private int _start;
    private int _end;
    private bool _eof;
    private long _nextLine = 1;
    private FieldBounds[] _fields = new FieldBounds[16];
    private int _recordStart;
    private int _recordLength;

    public DelimitedRecordReader(TextReader reader, char delimiter, bool quoting, string fileName, int bufferChars = 1 << 16)
    {
        _reader = reader;
        _delimiter = delimiter;
        _quoting = quoting;
        _fileName = fileName;
        _buffer = ArrayPool<char>.Shared.Rent(bufferChars);
        _scratch = ArrayPool<char>.Shared.Rent(256);
    }

    /// <summary>Number of fields of the current record.</summary>
    public int FieldCount { get; private set; }

    /// <summary>1-based line where the current record starts.</summary>
    public long Line { get; private set; }

    /// <summary>The first problem of the current record, or null when it split cleanly.</summary>
    public RejectReason? Problem { get; private set; }

    /// <summary>The raw text of the current record, without its line break.</summary>
    public ReadOnlySpan<char> Record => _buffer.AsSpan(_recordStart, _recordLength);

    /// <summary>Field <paramref name="index"/> of the current record, unquoted and unescaped.</summary>
    public ReadOnlySpan<char> Field(int index)
    {
        FieldBounds field = _fields[index];
        return (field.InScratch ? _scratch : _buffer).AsSpan(field.Start, field.Length);
    }

    /// <summary>Advances to the next non-empty record; false at the end of the text.</summary>
    public bool MoveNext()
    {
        while (true)
        {
            if (_start == _end)
            {
                if (_eof)
                {
                    return false;
                }
                Fill();
                continue;
            }
            int consumed = _quoting ? Parse(_eof) : ParseUnquoted(_eof);
            if (consumed < 0)
            {
                Fill();
                continue;
            }
            ReadOnlySpan<char> record = _buffer.AsSpan(_start, consumed);
            Line = _nextLine;
            // Without quoting a record holds no line break but its last character.
            _nextLine += _quoting ? record.Count('\n') : record[^1] == '\n' ? 1 : 0;
            _recordStart = _start;
            _recordLength = TrimLineBreak(record).Length;
            _start += consumed;
            if (_recordLength == 0)
            {
                continue;
            }
            if (_quoting)
            {
                Unescape();
            }
            return true;
        }
    }

    public void Dispose()
    {
        ArrayPool<char>.Shared.Return(_buffer);
        ArrayPool<char>.Shared.Return(_scratch);
        _buffer = [];
        _scratch = [];
    }

    /// <summary>
    /// Splits the record at <see cref="_start"/> with quoting on; returns the characters it spans including
    /// its line break, or -1 when more text is needed.
    /// </summary>
    private int Parse(bool atEof)
    {
        char[] buf = _buffer;
        int end = _end;
        int i = _start;
        FieldCount = 0;
        Problem = null;
        while (true)
        {
            if (_quoting && i < end && buf[i] == Quote)
            {
                int contentStart = i + 1;
                int j = contentStart;
                bool escaped = false;
                while (true)
                {
                    int q = j < end ? buf.AsSpan(j, end - j).IndexOf(Quote) : -1;
                    if (q < 0)
                    {
                        if (!atEof)
                        {
                            return -1;
                        }
                        Problem = RejectReason.BadQuoting;
                        AddField(contentStart, end - contentStart, escaped);
                        return end - _start;
                    }
                    q += j;
                    if (q + 1 == end && !atEof)
                    {
                        return -1;
                    }
                    if (q + 1 < end && buf[q + 1] == Quote)
                    {
                        escaped = true;
                        j = q + 2;
                        continue;
                    }
                    AddField(contentStart, q - contentStart, escaped);
                    i = q + 1;
                    break;
                }
                if (i == end)
                {
                    return atEof ? end - _start : -1;
                }
                char c = buf[i];
                if (c == _delimiter)
                {
                    i++;
                    continue;
                }
                if (c == '\n')
                {
                    return i + 1 - _start;
                }
                if (c == '\r' && i + 1 < end && buf[i + 1] == '\n')
                {
                    return i + 2 - _start;
                }
                if (c == '\r' && i + 1 == end && !atEof)
                {
                    return -1;
                }
                Problem ??= RejectReason.BadQuoting;
                int lineEnd = buf.AsSpan(i, end - i).IndexOf('\n');
                if (lineEnd < 0)
                {
                    return atEof ? end - _start : -1;
                }
                return i + lineEnd + 1 - _start;
            }
            int k = buf.AsSpan(i, end - i).IndexOfAny(_delimiter, '\n');
            if (k < 0)
            {
                if (!atEof)
                {
                    return -1;
                }
                AddField(i, TrimLineBreak(buf.AsSpan(i, end - i)).Length, false);
                return end - _start;
            }
            k += i;
            if (buf[k] == '\n')
            {
                AddField(i, TrimLineBreak(buf.AsSpan(i, k - i)).Length, false);
                return k + 1 - _start;
            }
            AddField(i, k - i, false);
            i = k + 1;
        }
    }

    private static ReadOnlySpan<char> TrimLineBreak(ReadOnlySpan<char> text)
    {
        if (text.Length > 0 && text[^1] == '\n')
        {
            text = text[..^1];
        }
        if (text.Length > 0 && text[^1] == '\r')
        {
            text = text[..^1];
        }
        return text;
    }

    private void AddField(int start, int length, bool escaped)
    {
        if (FieldCount == _fields.Length)
        {
            Array.Resize(ref _fields, FieldCount * 2);
        }
        _fields[FieldCount++] = new FieldBounds(start, length, escaped, InScratch: false);
    }

    /// <summary>Copies fields holding <c>""</c> into the scratch buffer with each pair turned into one quote.</summary>
    private void Unescape()
    {
        int used = 0;
        for (int f = 0; f < FieldCount; f++)
        {
            if (!_fields[f].Escaped)
            {
                continue;
            }
            ReadOnlySpan<char> source = _buffer.AsSpan(_fields[f].Start, _fields[f].Length);
            if (_scratch.Length < used + source.Length)
            {
                char[] bigger = ArrayPool<char>.Shared.Rent(Math.Max(_scratch.Length * 2, used + source.Length));
                _scratch.AsSpan(0, used).CopyTo(bigger);
                ArrayPool<char>.Shared.Return(_scratch);
                _scratch = bigger;
            }
            int start = used;
            for (int i = 0; i < source.Length; i++)
            {
                _scratch[used++] = source[i];
                if (source[i] == Quote && i + 1 < source.Length && source[i + 1] == Quote)
                {
                    i++;
                }
            }
            _fields[f] = new FieldBounds(start, used - start, Escaped: true, InScratch: true);
        }
    }

    /// <summary>Where a field's text is: in the read buffer, or (unescaped) in the scratch buffer; one array of these keeps a field's bounds in one cache line.</summary>
    private readonly record struct FieldBounds(int Start, int Length, bool Escaped, bool InScratch);

    /// <summary>Moves the unparsed tail to the front, grows the buffer when one record fills it, and reads more text.</summary>
    private void Fill()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= MaxRecordChars)
            {
                throw new DataException($"'{_fileName}' line {_nextLine}: a record runs past {MaxRecordChars:N0} characters, most likely a quote that is never closed; fix the quoting of that row.");
            }
            char[] bigger = ArrayPool<char>.Shared.Rent(_buffer.Length * 2);
            _buffer.AsSpan(0, _end).CopyTo(bigger);
            ArrayPool<char>.Shared.Return(_buffer);
            _buffer = bigger;
        }
        int read = _reader.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _eof = true;
        }
        _end += read;
    }
}
