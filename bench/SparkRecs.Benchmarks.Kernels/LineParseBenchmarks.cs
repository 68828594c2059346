using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using SparkRecs.Bench;
using SparkRecs.Warehouse.Reading;

namespace SparkRecs.Benchmarks.Kernels;

/// <summary>
/// Parsing a 64 KB buffer of <c>user \t item \t count</c> lines (the synthetic workload's format:
/// 4,480 lines with ids below 500,000 and 100,000 and small counts) from UTF-8 bytes into three
/// integer columns, three ways: the naive baseline (decode to a string, <c>string.Split</c> lines
/// and fields, <c>int.Parse</c>), the warehouse ingest's splitter (<c>DelimitedRecordReader</c>
/// over a decoding <c>StreamReader</c>, spans parsed with <c>int.TryParse</c>), and the byte parser
/// of <c>sparkrecs-bench</c> (<c>TripleParser</c>: one pass over the bytes, no decoding or
/// splitting). Times are per buffer; divide by 4,480 for a line.
/// </summary>
public class LineParseBenchmarks
{
    private const int Lines = 4_480;

    private byte[] _buffer = null!;
    private ParsedColumns _columns = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(11);
        var text = new StringBuilder();
        for (int line = 0; line < Lines; line++)
        {
            // Item ids skewed to small values like a popularity law; counts mostly 1 to 3.
            int item = (int)(100_000 * Math.Pow(random.NextDouble(), 3));
            int count = 1 + (int)(40 * Math.Pow(random.NextDouble(), 6));
            text.Append(CultureInfo.InvariantCulture, $"{random.Next(500_000)}\t{item}\t{count}\n");
        }
        _buffer = Encoding.UTF8.GetBytes(text.ToString());
        _columns = new ParsedColumns(Lines);
    }

    [Benchmark(Baseline = true, Description = "parse 64 KB of lines: string.Split + int.Parse")]
    public int Split()
    {
        _columns.Count = 0;
        foreach (string line in Encoding.UTF8.GetString(_buffer).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split('\t');
            _columns.Add(
                int.Parse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture),
                int.Parse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture),
                int.Parse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture));
        }
        return _columns.Count;
    }

    [Benchmark(Description = "parse 64 KB of lines: ingest record reader + int.TryParse")]
    public int RecordReader()
    {
        _columns.Count = 0;
        using var records = new DelimitedRecordReader(new StreamReader(new MemoryStream(_buffer), Encoding.UTF8), '\t', quoting: false, "buffer");
        while (records.MoveNext())
        {
            if (records.FieldCount != 3
                || !int.TryParse(records.Field(0), NumberStyles.None, CultureInfo.InvariantCulture, out int user)
                || !int.TryParse(records.Field(1), NumberStyles.None, CultureInfo.InvariantCulture, out int item)
                || !int.TryParse(records.Field(2), NumberStyles.None, CultureInfo.InvariantCulture, out int count))
            {
                throw new InvalidDataException($"buffer line {records.Line} is not three integers.");
            }
            _columns.Add(user, item, count);
        }
        return _columns.Count;
    }

    [Benchmark(Description = "parse 64 KB of lines: byte parser")]
    public int Bytes()
    {
        _columns.Count = 0;
        var parser = new TripleParser("buffer");
        var sink = new ColumnSink(_columns);
        parser.Parse(_buffer, sink);
        parser.Finish(sink);
        return _columns.Count;
    }

    /// <summary>Three preallocated integer columns and how many lines they hold.</summary>
    private sealed class ParsedColumns(int capacity)
    {
        private readonly int[] _users = new int[capacity];
        private readonly int[] _items = new int[capacity];
        private readonly int[] _counts = new int[capacity];

        public int Count { get; set; }

        public void Add(int user, int item, long count)
        {
            _users[Count] = user;
            _items[Count] = item;
            _counts[Count] = (int)count;
            Count++;
        }
    }

    /// <summary>The byte parser's sink into <see cref="ParsedColumns"/>.</summary>
    private readonly struct ColumnSink(ParsedColumns columns) : ITripleSink
    {
        public void Add(int user, int item, long count) => columns.Add(user, item, count);
    }
}
