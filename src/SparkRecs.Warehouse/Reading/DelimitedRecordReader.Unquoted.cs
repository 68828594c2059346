using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SparkRecs.Warehouse.Reading;

internal sealed partial class DelimitedRecordReader
{
    /// <summary>
    /// Splits the record at <see cref="_start"/> when quoting is off (TSV, MovieLens <c>u.data</c>): every
    /// delimiter ends a field and the first <c>\n</c> ends the record. Returns the characters the record spans
    /// including its line break, or -1 when more text is needed.
    /// </summary>
    /// <remarks>
    /// Records of such files are short (a few keys and numbers), so calling a vectorised search once per field
    /// costs more in call overhead than it saves. Instead 16 characters at a time are compared with the
    /// delimiter and with <c>\n</c> at once, and the set bits of the combined comparison mask are walked
    /// in order: each is a field end, the first <c>\n</c> the record end. The characters after the record's
    /// end are scanned again for the next record, which is cheaper than carrying the mask over. The scalar
    /// loop finishes the last few characters of the buffer (and everything, without vector hardware).
    /// Same result as the quoting parser with quotes taken literally: a <c>\r</c> before the <c>\n</c> is
    /// not part of the last field.
    /// </remarks>
    private int ParseUnquoted(bool atEof)
    {
        char[] buffer = _buffer;
        int start = _start;
        int end = _end;
        char delimiter = _delimiter;
        int fieldStart = start;
        int i = start;
        FieldCount = 0;
        Problem = null;
        if (Vector256.IsHardwareAccelerated)
        {
            ref ushort first = ref MemoryMarshal.GetReference(MemoryMarshal.Cast<char, ushort>(buffer.AsSpan()));
            Vector256<ushort> delimiters = Vector256.Create((ushort)delimiter);
            Vector256<ushort> lineBreaks = Vector256.Create((ushort)'\n');
            for (; i <= end - Vector256<ushort>.Count; i += Vector256<ushort>.Count)
            {
                Vector256<ushort> chars = Vector256.LoadUnsafe(ref first, (nuint)i);
                uint marks = (Vector256.Equals(chars, delimiters) | Vector256.Equals(chars, lineBreaks)).ExtractMostSignificantBits();
                while (marks != 0)
                {
                    int at = i + BitOperations.TrailingZeroCount(marks);
                    marks &= marks - 1;
                    if (buffer[at] == '\n')
                    {
                        return EndUnquotedRecord(fieldStart, at);
                    }
                    AddField(fieldStart, at - fieldStart, false);
                    fieldStart = at + 1;
                }
            }
        }
        for (; i < end; i++)
        {
            char c = buffer[i];
            if (c == '\n')
            {
                return EndUnquotedRecord(fieldStart, i);
            }
            if (c == delimiter)
            {
                AddField(fieldStart, i - fieldStart, false);
                fieldStart = i + 1;
            }
        }
        if (!atEof)
        {
            return -1;
        }
        AddField(fieldStart, TrimLineBreak(buffer.AsSpan(fieldStart, end - fieldStart)).Length, false);
        return end - start;
    }

    /// <summary>Adds the last field, which ends at the line break at <paramref name="lineBreak"/> (a <c>\r</c> before it dropped), and returns the record's span.</summary>
    private int EndUnquotedRecord(int fieldStart, int lineBreak)
    {
        AddField(fieldStart, TrimLineBreak(_buffer.AsSpan(fieldStart, lineBreak - fieldStart)).Length, false);
        return lineBreak + 1 - _start;
    }
}
