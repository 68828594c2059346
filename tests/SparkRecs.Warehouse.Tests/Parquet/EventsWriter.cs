using SparkRecs.Warehouse.Parquet;

namespace SparkRecs.Warehouse.Tests.Parquet;

/// <summary>Writes an <see cref="EventsTable"/> with <see cref="ParquetWriter"/> in row groups of a given size.</summary>
public static class EventsWriter
{
    public static readonly ParquetWriterColumn[] Columns =
    [
        new("user_id", ParquetWriterType.String),
        new("item_id", ParquetWriterType.String),
        new("ts", ParquetWriterType.TimestampMillis),
        new("rating", ParquetWriterType.Double, IsOptional: true),
        new("event_type", ParquetWriterType.String),
    ];

    public static void Write(Stream stream, EventsTable events, ParquetWriterOptions options, int rowGroupSize)
    {
        using var writer = new ParquetWriter(stream, Columns, options, leaveOpen: true);
        for (int start = 0; start < events.Count; start += rowGroupSize)
        {
            int n = Math.Min(rowGroupSize, events.Count - start);
            writer.BeginRowGroup(n);
            writer.WriteStrings(0, events.Users.GetRange(start, n));
            writer.WriteStrings(1, events.Items.GetRange(start, n));
            writer.WriteInt64(2, events.TimestampsMs.GetRange(start, n).ToArray());
            double[] ratings = events.Ratings.GetRange(start, n).Select(r => r ?? 0).ToArray();
            bool[] present = events.Ratings.GetRange(start, n).Select(r => r.HasValue).ToArray();
            writer.WriteDouble(3, ratings, present);
            writer.WriteStrings(4, events.EventTypes.GetRange(start, n));
            writer.EndRowGroup();
        }

        writer.Complete();
    }
}
