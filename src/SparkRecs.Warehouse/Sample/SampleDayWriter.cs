using System.IO.Compression;
using System.Text;
using SparkRecs.Warehouse.Reading;

namespace SparkRecs.Warehouse.Sample;

/// <summary>
/// Writes one day partition: <paramref name="normal"/> ordinary events, <paramref name="bot"/> bot
/// events and <paramref name="malformed"/> broken rows, shuffled together, with strictly
/// increasing timestamps (so the file is time-ordered and no two events are exact duplicates).
/// </summary>
internal sealed class SampleDayWriter(SampleOptions options, SampleWorld world, int day, long normal, long bot, int malformedFirst, int malformed)
{
    private const long DayMs = 86_400_000;
    private static readonly byte[] View = "view"u8.ToArray();
    private static readonly byte[] Cart = "cart"u8.ToArray();
    private static readonly byte[] Purchase = "purchase"u8.ToArray();
    private static readonly byte[] UnknownType = "unknown_event"u8.ToArray();
    private static readonly byte[] BadTime = "not-a-timestamp"u8.ToArray();

    /// <summary>The kinds planted, in turn, by global malformed row number.</summary>
    public static readonly RejectReason[] MalformedKinds = [RejectReason.MissingKey, RejectReason.BadTimestamp, RejectReason.UnknownEventType, RejectReason.WrongFieldCount];

    private readonly bool _iso = options.TimestampStyle == "iso8601";
    private readonly long _dayStartMs = (options.StartDate.AddDays(day).DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber) * DayMs;
    private readonly byte[] _datePrefix = Encoding.ASCII.GetBytes(options.StartDate.AddDays(day).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + "T");

    /// <summary>Writes the file and returns its size in bytes.</summary>
    public long Write(string path)
    {
        var random = new SampleRandom(options.Seed, day);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        {
            var rows = new AsciiRowBuffer(gzip);
            rows.Append("user_id,item_id,event_type,timestamp"u8);
            if (options.Ratings)
            {
                rows.Append(",rating"u8);
            }
            rows.EndRow();
            long slots = normal + bot + malformed;
            long step = DayMs / Math.Max(slots, 1);
            long leftNormal = normal;
            long leftBot = bot;
            int leftMalformed = malformed;
            for (long slot = 0; slot < slots; slot++)
            {
                long time = _dayStartMs + slot * DayMs / slots + (step > 1 ? random.NextInt((int)Math.Min(step, int.MaxValue)) : 0);
                double t = (day + (double)slot / slots) / options.Days;
                long pick = (long)(random.NextDouble() * (leftNormal + leftBot + leftMalformed));
                if (pick < leftMalformed)
                {
                    WriteMalformed(rows, MalformedKinds[(malformedFirst + malformed - leftMalformed) % MalformedKinds.Length], time, random);
                    leftMalformed--;
                }
                else if (pick < leftMalformed + leftBot)
                {
                    WriteBot(rows, time, random);
                    leftBot--;
                }
                else
                {
                    WriteEvent(rows, time, t, random);
                    leftNormal--;
                }
            }
            rows.Flush();
        }
        return new FileInfo(path).Length;
    }

    private void WriteEvent(AsciiRowBuffer rows, long time, double t, SampleRandom random)
    {
        int user = world.UserActivity.Sample(random);
        int item = world.PickItem(user, t, random, out bool toTaste);
        double funnel = random.NextDouble();
        byte[] type = funnel < 0.85 ? View : funnel < (toTaste ? 0.95 : 0.97) ? Cart : Purchase;
        rows.Append('u').Append(user).Append(',').Append('i').Append(item).Append(',').Append(type).Append(',');
        AppendTime(rows, time);
        if (options.Ratings)
        {
            rows.Append(',');
            if (ReferenceEquals(type, Purchase))
            {
                double score = (toTaste ? 4.0 : 2.5) + 0.9 * random.NextGaussian();
                rows.Append((long)Math.Clamp(Math.Round(score), 1, 5));
            }
        }
        rows.EndRow();
    }

    private void WriteBot(AsciiRowBuffer rows, long time, SampleRandom random)
    {
        rows.Append('u').Append(options.Users).Append(',').Append('i').Append(random.NextInt(options.Items)).Append(',').Append(View).Append(',');
        AppendTime(rows, time);
        if (options.Ratings)
        {
            rows.Append(',');
        }
        rows.EndRow();
    }

    private void WriteMalformed(AsciiRowBuffer rows, RejectReason kind, long time, SampleRandom random)
    {
        int user = random.NextInt(options.Users);
        int item = random.NextInt(options.Items);
        if (kind != RejectReason.MissingKey)
        {
            rows.Append('u').Append(user);
        }
        rows.Append(',').Append('i').Append(item).Append(',').Append(kind == RejectReason.UnknownEventType ? UnknownType : View);
        if (kind != RejectReason.WrongFieldCount)
        {
            rows.Append(',');
            if (kind == RejectReason.BadTimestamp)
            {
                rows.Append(BadTime);
            }
            else
            {
                AppendTime(rows, time);
            }
            if (options.Ratings)
            {
                rows.Append(',');
            }
        }
        rows.EndRow();
    }

    private void AppendTime(AsciiRowBuffer rows, long time)
    {
        if (!_iso)
        {
            rows.Append(time);
            return;
        }
        int ms = (int)(time - _dayStartMs);
        rows.Append(_datePrefix)
            .AppendPadded(ms / 3_600_000, 2).Append(':')
            .AppendPadded(ms / 60_000 % 60, 2).Append(':')
            .AppendPadded(ms / 1000 % 60, 2).Append('.')
            .AppendPadded(ms % 1000, 3).Append('Z');
    }
}
