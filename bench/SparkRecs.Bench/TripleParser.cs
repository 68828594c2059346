using SparkRecs.Core.Errors;

namespace SparkRecs.Bench;

/// <summary>
/// Parses <c>user \t item \t count</c> lines (non-negative integers, no header) from consecutive
/// byte chunks of a file, carrying a line cut by a chunk boundary over to the next chunk.
/// </summary>
/// <remarks>
/// One pass over the bytes with the state (field number, value so far) in locals: a digit is
/// <c>value = 10 value + d</c>, a tab ends a field, a newline ends a line (a carriage return before
/// it is ignored). There is no splitting into strings or spans and no general number parser, which
/// is why it runs at memory speed; every malformed byte still fails with the line number and what
/// was expected. Used by <see cref="TripleFile"/> and by the line-parse kernel benchmark.
/// </remarks>
internal sealed class TripleParser(string source)
{
    private long _value;
    private int _field;
    private int _user;
    private int _item;
    private bool _inNumber;

    /// <summary>The current line number (1-based), for error messages.</summary>
    public long Line { get; private set; } = 1;

    /// <summary>Parses one chunk, handing each completed line to <paramref name="sink"/>.</summary>
    /// <exception cref="DataException">A byte is not a digit, tab or newline, a field is empty, a line has other than 3 fields, or a value exceeds <see cref="int.MaxValue"/>.</exception>
    public void Parse<TSink>(ReadOnlySpan<byte> chunk, TSink sink)
        where TSink : ITripleSink
    {
        long value = _value, line = Line;
        int field = _field, user = _user, item = _item;
        bool inNumber = _inNumber;
        for (int p = 0; p < chunk.Length; p++)
        {
            byte b = chunk[p];
            if ((uint)(b - '0') <= 9)
            {
                value = (value * 10) + (b - '0');
                if (value > int.MaxValue)
                {
                    throw Malformed(line, $"field {field + 1} exceeds {int.MaxValue}");
                }
                inNumber = true;
                continue;
            }
            if (b == '\r')
            {
                continue;
            }
            if (b != '\t' && b != '\n')
            {
                throw Malformed(line, $"unexpected byte 0x{b:X2}");
            }
            if (!inNumber)
            {
                throw Malformed(line, $"field {field + 1} is empty");
            }
            switch (field)
            {
                case 0: user = (int)value; break;
                case 1: item = (int)value; break;
                default:
                    if (b == '\t')
                    {
                        throw Malformed(line, "more than 3 fields");
                    }
                    break;
            }
            if (b == '\n')
            {
                if (field != 2)
                {
                    throw Malformed(line, $"{field + 1} fields");
                }
                sink.Add(user, item, value);
                line++;
                field = 0;
            }
            else
            {
                field++;
            }
            value = 0;
            inNumber = false;
        }
        (_value, Line, _field, _user, _item, _inNumber) = (value, line, field, user, item, inNumber);
    }

    /// <summary>Ends the input: hands over a last line without a newline, or fails on a cut one.</summary>
    /// <exception cref="DataException">The input ends in the middle of a line.</exception>
    public void Finish<TSink>(TSink sink)
        where TSink : ITripleSink
    {
        if (_field == 2 && _inNumber)
        {
            sink.Add(_user, _item, _value);
            (_field, _value, _inNumber) = (0, 0, false);
            Line++;
        }
        else if (_field != 0 || _inNumber)
        {
            throw Malformed(Line, $"the last line ends after {_field + (_inNumber ? 1 : 0)} fields");
        }
    }

    private DataException Malformed(long line, string problem) =>
        new($"{source}:{line}: {problem}; expected three tab-separated non-negative integers 'user \\t item \\t count'.");
}
