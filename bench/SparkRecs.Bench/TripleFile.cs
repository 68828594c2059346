using System.Buffers;
using SparkRecs.Core.Errors;

namespace SparkRecs.Bench;

/// <summary>
/// Reads the benchmark workload format: <c>user \t item \t count</c> per line, non-negative integers,
/// no header (what the synthetic generator writes).
/// </summary>
/// <remarks>
/// A byte-level parser (<see cref="TripleParser"/>) over one pooled 4 MiB buffer: the workload is about 300 MB of digits, and
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
        var parser = new TripleParser(path);
        var sink = new BuilderSink(triples);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            int read;
            while ((read = stream.Read(buffer, 0, BufferBytes)) > 0)
            {
                parser.Parse(buffer.AsSpan(0, read), sink);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        parser.Finish(sink);
        if (triples.Count == 0)
        {
            throw new DataException($"{path}: no lines; the workload needs 'user \\t item \\t count' lines.");
        }
        return triples.Build();
    }

    /// <summary>Hands the parser's lines to the builder (a struct, so the call per line is inlined).</summary>
    private readonly struct BuilderSink(TripleBuilder builder) : ITripleSink
    {
        public void Add(int user, int item, long count) => builder.Add(user, item, count);
    }

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
