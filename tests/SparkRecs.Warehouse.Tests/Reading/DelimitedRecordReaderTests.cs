using SparkRecs.Warehouse.Reading;

namespace SparkRecs.Warehouse.Tests.Reading;

public class DelimitedRecordReaderTests
{
    private static List<(long Line, string[] Fields, RejectReason? Problem)> ReadAll(string text, char delimiter = ',', bool quoting = true, int bufferChars = 16)
    {
        using var reader = new DelimitedRecordReader(new StringReader(text), delimiter, quoting, "test.csv", bufferChars);
        var records = new List<(long, string[], RejectReason?)>();
        while (reader.MoveNext())
        {
            var fields = new string[reader.FieldCount];
            for (int i = 0; i < fields.Length; i++)
            {
                fields[i] = reader.Field(i).ToString();
            }
            records.Add((reader.Line, fields, reader.Problem));
        }
        return records;
    }

    [Fact]
    public void Quoted_fields_keep_delimiters_line_breaks_and_doubled_quotes()
    {
        var records = ReadAll("a,\"b,c\",\"say \"\"hi\"\"\"\n\"multi\nline\",x,\"\"\n");

        Assert.Equal(2, records.Count);
        Assert.Equal(["a", "b,c", "say \"hi\""], records[0].Fields);
        Assert.Equal(["multi\nline", "x", ""], records[1].Fields);
        Assert.All(records, r => Assert.Null(r.Problem));
    }

    [Fact]
    public void Line_numbers_count_physical_lines_including_breaks_inside_quotes_and_blank_lines()
    {
        var records = ReadAll("h1,h2\n\"a\nb\",1\n\nc,2\r\nd,3");

        Assert.Equal([1L, 2L, 5L, 6L], records.Select(r => r.Line));
        Assert.Equal(["c", "2"], records[2].Fields);
        Assert.Equal(["d", "3"], records[3].Fields);
    }

    [Fact]
    public void Records_longer_than_the_buffer_are_read_whole()
    {
        string longField = new('x', 5000);
        var records = ReadAll($"1,{longField},\"{longField}\"\n2,y,z\n", bufferChars: 16);

        Assert.Equal(2, records.Count);
        Assert.Equal(longField, records[0].Fields[1]);
        Assert.Equal(longField, records[0].Fields[2]);
        Assert.Equal(["2", "y", "z"], records[1].Fields);
    }

    [Fact]
    public void Every_buffer_size_splits_the_same_text_the_same_way()
    {
        const string text = "u,i,\"a \"\"b\"\" c\"\r\n\"x\ny\",,z\n,,\nlast,\"q\"";
        var expected = ReadAll(text, bufferChars: 4096);
        for (int size = 1; size < text.Length + 2; size++)
        {
            var actual = ReadAll(text, bufferChars: size);
            Assert.Equal(expected.Select(r => string.Join("|", r.Fields)), actual.Select(r => string.Join("|", r.Fields)));
            Assert.Equal(expected.Select(r => r.Line), actual.Select(r => r.Line));
        }
    }

    [Fact]
    public void Text_after_a_closing_quote_and_an_unclosed_quote_are_bad_quoting()
    {
        var records = ReadAll("\"a\"b,c\nok,1\n\"never closed,2\n");

        Assert.Equal(RejectReason.BadQuoting, records[0].Problem);
        Assert.Null(records[1].Problem);
        Assert.Equal(["ok", "1"], records[1].Fields);
        Assert.Equal(RejectReason.BadQuoting, records[2].Problem);
    }

    [Fact]
    public void Tab_separated_text_without_quoting_keeps_quotes_literally()
    {
        var records = ReadAll("\"a\"\tb\"c\t\n", delimiter: '\t', quoting: false);

        Assert.Single(records);
        Assert.Equal(["\"a\"", "b\"c", ""], records[0].Fields);
    }

    [Fact]
    public void Unquoted_splitting_matches_the_quoting_parser_on_text_without_quotes()
    {
        // Lines longer and shorter than one vector of 16 characters, empty fields, empty lines, \r\n and a
        // lone \r inside a field, with and without a final line break, at every small buffer size.
        var random = new Random(20261123);
        char[] alphabet = ['a', '7', '0', '\t', '\t', '\n', '\r', ' ', 'x', '9'];
        for (int sample = 0; sample < 200; sample++)
        {
            var text = new string(Enumerable.Range(0, random.Next(0, 120)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            var expected = ReadAll(text, delimiter: '\t', quoting: true, bufferChars: 4096);
            foreach (int size in new[] { 1, 7, 16, 17, 33, 4096 })
            {
                var actual = ReadAll(text, delimiter: '\t', quoting: false, bufferChars: size);
                Assert.Equal(expected.Select(r => string.Join("|", r.Fields)), actual.Select(r => string.Join("|", r.Fields)));
                Assert.Equal(expected.Select(r => r.Line), actual.Select(r => r.Line));
            }
        }
    }
}
