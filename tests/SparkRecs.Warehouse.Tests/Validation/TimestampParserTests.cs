using SparkRecs.Warehouse.Options;
using SparkRecs.Warehouse.Validation;

namespace SparkRecs.Warehouse.Tests.Validation;

public class TimestampParserTests
{
    [Theory]
    [InlineData("881250949", TimestampFormat.UnixSeconds, 881250949000L)]
    [InlineData("881250949.5", TimestampFormat.UnixSeconds, 881250949500L)]
    [InlineData("1704067200123", TimestampFormat.UnixMillis, 1704067200123L)]
    [InlineData("2024-01-01", TimestampFormat.Iso8601, 1704067200000L)]
    [InlineData("2024-01-01T00:00:01.5Z", TimestampFormat.Iso8601, 1704067201500L)]
    [InlineData("2024-01-01 10:00:00", TimestampFormat.Iso8601, 1704103200000L)]
    [InlineData("2024-01-01T02:00:00+02:00", TimestampFormat.Iso8601, 1704067200000L)]
    [InlineData("964982703", TimestampFormat.Auto, 964982703000L)]
    [InlineData("1704067200123", TimestampFormat.Auto, 1704067200123L)]
    [InlineData(" 2024-01-01T00:00:00.000Z ", TimestampFormat.Auto, 1704067200000L)]
    public void Valid_timestamps_parse_to_unix_milliseconds(string text, TimestampFormat format, long expected)
    {
        Assert.True(TimestampParser.TryParse(text, format, out long ms));
        Assert.Equal(expected, ms);
    }

    [Theory]
    [InlineData("", TimestampFormat.Auto)]
    [InlineData("not-a-timestamp", TimestampFormat.Auto)]
    [InlineData("2024-02-30", TimestampFormat.Iso8601)]
    [InlineData("2024-01-01T25:00:00Z", TimestampFormat.Iso8601)]
    [InlineData("12abc", TimestampFormat.UnixSeconds)]
    [InlineData("99999999999999999", TimestampFormat.UnixSeconds)]
    [InlineData("2024-01-01", TimestampFormat.UnixMillis)]
    public void Invalid_timestamps_are_refused(string text, TimestampFormat format)
        => Assert.False(TimestampParser.TryParse(text, format, out _));
}
