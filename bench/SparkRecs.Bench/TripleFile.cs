using System.Buffers;
using SparkRecs.Core.Errors;

namespace SparkRecs.Bench;

/// <summary>
/// Reads the benchmark workload format: <c>user \t item \t count</c> per line, non-negative integers,
/// no header (what the synthetic generator writes).
/// </summary>
/// <remarks>
/// A byte-level parser over one pooled 4 MiB buffer: the workload is about 300 MB of digits, and
/// the benchmark should time the model, not a general delimited-text reader (the warehouse readers
/// have benchmarks of their own). A malformed line fails with its number and what was expected.
/// </remarks>
internal static class TripleFile
{
    private const int BufferBytes = 1 << 22;

    /// <exception cref="DataException">A line is not three tab-separated non-negative integers, or the file is empty.</exception>
    public static Triples Read(string path)
    {
        var triples = new TripleBuilder();
        long line = 1, value = 0;
        int field = 0, user = 0, item = 0;
        bool inNumber = false;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            int read;
            while ((read = stream.Read(buffer, 0, BufferBytes)) > 0)
            {
                for (int p = 0; p < read; p++)
                {
                    byte b = buffer[p];
                    if ((uint)(b - '0') <= 9)
                    {
                        value = (value * 10) + (b - '0');
                        if (value > int.MaxValue)
                        {
                            throw Malformed(path, line, $"field {field + 1} exceeds {int.MaxValue}");
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
                        throw Malformed(path, line, $"unexpected byte 0x{b:X2}");
                    }
                    if (!inNumber)
                    {
                        throw Malformed(path, line, $"field {field + 1} is empty");
                    }
                    switch (field)
                    {
                        case 0: user = (int)value; break;
                        case 1: item = (int)value; break;
                        default:
                            if (b == '\t')
                            {
                                throw Malformed(path, line, "more than 3 fields");
                            }
                            break;
                    }
                    if (b == '\n')
                    {
                        if (field != 2)
                        {
                            throw Malformed(path, line, $"{field + 1} fields");
                        }
                        triples.Add(user, item, value);
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
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        if (field == 2 && inNumber)
        {
            // The last line has no newline.
            triples.Add(user, item, value);
        }
        else if (field != 0 || inNumber)
        {
            throw Malformed(path, line, $"the last line ends after {field + (inNumber ? 1 : 0)} fields");
        }
        if (triples.Count == 0)
        {
            throw new DataException($"{path}: no lines; the workload needs 'user \\t item \\t count' lines.");
        }
        return triples.Build();
    }

    private static DataException Malformed(string path, long line, string problem) =>
        new($"{path}:{line}: {problem}; expected three tab-separated non-negative integers 'user \\t item \\t count'.");

    /// <summary>Collects parsed lines and the largest ids; builds <see cref="Triples"/> once at the end.</summary>
    private sealed class TripleBuilder
    {
        private readonly GrowableArray<int> _users = new();
        private readonly GrowableArray<int> _items = new();
        private readonly GrowableArray<float> _values = new();
        private int _maxUser = -1;
        private int _maxItem = -1;

        public int Count => _users.Count;

        public void Add(int user, int item, long count)
        {
            _users.Add(user);
            _items.Add(item);
            _values.Add(count);
            _maxUser = Math.Max(_maxUser, user);
            _maxItem = Math.Max(_maxItem, item);
        }

        public Triples Build() => new(_users.ToArray(), _items.ToArray(), _values.ToArray(), _maxUser + 1, _maxItem + 1);
    }

    /// <summary>An append-only array that doubles its capacity; trimmed once at the end.</summary>
    private sealed class GrowableArray<T>
    {
        private T[] _items = new T[1 << 20];

        public int Count { get; private set; }

        public void Add(T item)
        {
            if (Count == _items.Length)
            {
                Array.Resize(ref _items, _items.Length * 2);
            }
            _items[Count++] = item;
        }

        public T[] ToArray()
        {
            Array.Resize(ref _items, Count);
            return _items;
        }
    }
}
