using System.Text;
using SparkRecs.Core.Errors;

namespace SparkRecs.Bench.Tests;

public class TripleParserTests
{
    [Fact]
    public void Lines_cut_by_chunk_boundaries_parse_as_whole_lines()
    {
        byte[] text = Encoding.ASCII.GetBytes("12\t345\t6\r\n7\t8\t9\n100000\t0\t42\n");
        for (int cut = 0; cut <= text.Length; cut++)
        {
            var lines = new List<(int, int, long)>();
            var parser = new TripleParser("test.tsv");
            var sink = new ListSink(lines);
            parser.Parse(text.AsSpan(0, cut), sink);
            parser.Parse(text.AsSpan(cut), sink);
            parser.Finish(sink);

            Assert.Equal([(12, 345, 6L), (7, 8, 9L), (100000, 0, 42L)], lines);
        }
    }

    [Fact]
    public void A_last_line_without_a_newline_is_kept()
    {
        var lines = new List<(int, int, long)>();
        var parser = new TripleParser("test.tsv");
        parser.Parse("1\t2\t3\n4\t5\t6"u8, new ListSink(lines));
        parser.Finish(new ListSink(lines));

        Assert.Equal([(1, 2, 3L), (4, 5, 6L)], lines);
    }

    [Theory]
    [InlineData("1\t2\t3\n4\t5\n", "test.tsv:2: 2 fields")]
    [InlineData("1\t2\t3\n4\tx\t6\n", "test.tsv:2: unexpected byte 0x78")]
    [InlineData("1\t\t3\n", "test.tsv:1: field 2 is empty")]
    [InlineData("1\t2\t3\t4\n", "test.tsv:1: more than 3 fields")]
    [InlineData("1\t2\t3000000000\n", "test.tsv:1: field 3 exceeds 2147483647")]
    public void A_malformed_line_fails_with_its_number_and_problem(string text, string expected)
    {
        var parser = new TripleParser("test.tsv");
        var lines = new List<(int, int, long)>();

        var error = Assert.Throws<DataException>(() => parser.Parse(Encoding.ASCII.GetBytes(text), new ListSink(lines)));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Input_ending_inside_a_line_fails_at_the_end()
    {
        var parser = new TripleParser("test.tsv");
        var lines = new List<(int, int, long)>();
        parser.Parse("1\t2\t3\n4\t5"u8, new ListSink(lines));

        var error = Assert.Throws<DataException>(() => parser.Finish(new ListSink(lines)));

        Assert.StartsWith("test.tsv:2: the last line ends after 2 fields", error.Message, StringComparison.Ordinal);
    }

    private readonly struct ListSink(List<(int, int, long)> lines) : ITripleSink
    {
        public void Add(int user, int item, long count) => lines.Add((user, item, count));
    }
}
