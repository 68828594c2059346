using System.Globalization;
using SparkRecs.Warehouse.Options;

namespace SparkRecs.Warehouse.Validation;

/// <summary>
/// Parses event timestamps from spans into Unix milliseconds (UTC) without allocating.
/// </summary>
/// <remarks>
/// ISO 8601 has a hand-written fast path for the shapes warehouses write
/// (<c>yyyy-MM-dd</c>, then optionally <c>T</c> or a space, <c>HH:mm:ss</c>, a fraction, and
/// <c>Z</c>); anything else (offsets like <c>+02:00</c>) goes through
/// <see cref="DateTimeOffset.TryParse(ReadOnlySpan{char}, IFormatProvider, DateTimeStyles, out DateTimeOffset)"/>
/// with the invariant culture, times without an offset taken as UTC.
/// </remarks>
public static class TimestampParser
{
    /// <summary>Integers at or above this are milliseconds under <see cref="TimestampFormat.Auto"/> (10^11 s is the year 5138).</summary>
    public const long AutoMillisThreshold = 100_000_000_000;

    private static readonly long MinMs = DateTimeOffset.MinValue.ToUnixTimeMilliseconds();
    private static readonly long MaxMs = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    /// <summary>Parses <paramref name="text"/> in <paramref name="format"/>; false when it is not a valid time.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, TimestampFormat format, out long unixMs)
    {
        text = text.Trim();
        unixMs = 0;
        if (text.IsEmpty)
        {
            return false;
        }
        switch (format)
        {
            case TimestampFormat.UnixSeconds:
                return TryParseUnix(text, 1000, out unixMs);
            case TimestampFormat.UnixMillis:
                return TryParseUnix(text, 1, out unixMs);
            case TimestampFormat.Iso8601:
                return TryParseIso(text, out unixMs);
            default:
                if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long integer))
                {
                    long scale = Math.Abs(integer) >= AutoMillisThreshold ? 1 : 1000;
                    return InRange(integer, scale, out unixMs);
                }
                return TryParseIso(text, out unixMs) || TryParseUnix(text, 1000, out unixMs);
        }
    }

    private static bool TryParseUnix(ReadOnlySpan<char> text, long scale, out long unixMs)
    {
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long integer))
        {
            return InRange(integer, scale, out unixMs);
        }
        unixMs = 0;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
        {
            return false;
        }
        double ms = Math.Round(value * scale);
        if (ms < MinMs || ms > MaxMs)
        {
            return false;
        }
        unixMs = (long)ms;
        return true;
    }

    private static bool InRange(long value, long scale, out long unixMs)
    {
        unixMs = 0;
        if (value < MinMs / scale || value > MaxMs / scale)
        {
            return false;
        }
        unixMs = value * scale;
        return true;
    }

    private static bool TryParseIso(ReadOnlySpan<char> text, out long unixMs)
    {
        if (TryParseIsoFast(text, out unixMs))
        {
            return true;
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out DateTimeOffset parsed))
        {
            unixMs = parsed.ToUnixTimeMilliseconds();
            return true;
        }
        unixMs = 0;
        return false;
    }

    /// <summary><c>yyyy-MM-dd</c>, optionally followed by <c>[T ]HH:mm:ss[.f+][Z]</c>; false for any other shape.</summary>
    private static bool TryParseIsoFast(ReadOnlySpan<char> s, out long unixMs)
    {
        unixMs = 0;
        if (s.Length < 10 || s[4] != '-' || s[7] != '-'
            || !Digits(s, 0, 4, out int year) || !Digits(s, 5, 2, out int month) || !Digits(s, 8, 2, out int day)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }
        long ms = DayRangeMs(year, month, day);
        if (s.Length == 10)
        {
            unixMs = ms;
            return true;
        }
        if (s.Length < 19 || s[10] is not ('T' or ' ') || s[13] != ':' || s[16] != ':'
            || !Digits(s, 11, 2, out int hour) || !Digits(s, 14, 2, out int minute) || !Digits(s, 17, 2, out int second)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }
        ms += ((hour * 60L + minute) * 60 + second) * 1000;
        int i = 19;
        if (i < s.Length && s[i] == '.')
        {
            int fraction = 0;
            int digits = 0;
            for (i++; i < s.Length && char.IsAsciiDigit(s[i]); i++, digits++)
            {
                if (digits < 3)
                {
                    fraction = fraction * 10 + (s[i] - '0');
                }
            }
            if (digits == 0)
            {
                return false;
            }
            for (int pad = digits; pad < 3; pad++)
            {
                fraction *= 10;
            }
            ms += fraction;
        }
        if (i < s.Length && s[i] == 'Z')
        {
            i++;
        }
        if (i != s.Length)
        {
            return false;
        }
        unixMs = ms;
        return true;
    }

    private static long DayRangeMs(int year, int month, int day)
        => (new DateOnly(year, month, day).DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber) * 86_400_000L;

    private static bool Digits(ReadOnlySpan<char> s, int start, int count, out int value)
    {
        value = 0;
        for (int i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit(s[i]))
            {
                return false;
            }
            value = value * 10 + (s[i] - '0');
        }
        return true;
    }
}
