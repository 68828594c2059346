using System.Globalization;
using SparkRecs.Warehouse.Parquet;

namespace SparkRecs.Warehouse.Tests.Parquet;

/// <summary>
/// The events table of the fixtures (user_id, item_id, ts, rating, event_type) as plain arrays, loaded from
/// the CSV that make-fixtures.mjs wrote, or collected from a Parquet file through the reader.
/// </summary>
public sealed class EventsTable
{
    public List<string> Users { get; } = [];

    public List<string> Items { get; } = [];

    public List<long> TimestampsMs { get; } = [];

    public List<double?> Ratings { get; } = [];

    public List<string> EventTypes { get; } = [];

    public int Count => Users.Count;

    public static string FixtureFolder => Path.Combine(ParquetConformanceTests.RepositoryRoot(), "tests", "SparkRecs.Warehouse.Tests", "Fixtures", "parquet");

    public static EventsTable FromCsv(string path)
    {
        var table = new EventsTable();
        foreach (string line in File.ReadLines(path).Skip(1))
        {
            if (line.Length == 0)
            {
                continue;
            }

            string[] f = line.Split(',');
            table.Users.Add(f[0]);
            table.Items.Add(f[1]);
            table.TimestampsMs.Add(long.Parse(f[2], CultureInfo.InvariantCulture));
            table.Ratings.Add(f[3].Length == 0 ? null : double.Parse(f[3], CultureInfo.InvariantCulture));
            table.EventTypes.Add(f[4]);
        }

        return table;
    }

    public static EventsTable FromParquet(ParquetFile file, string timestampColumn = "ts")
    {
        var table = new EventsTable();
        for (int g = 0; g < file.RowGroups.Count; g++)
        {
            ParquetColumn users = file.ReadColumn(g, "user_id");
            ParquetColumn items = file.ReadColumn(g, "item_id");
            ParquetColumn ts = file.ReadColumn(g, timestampColumn);
            ParquetColumn ratings = file.ReadColumn(g, "rating");
            ParquetColumn types = file.ReadColumn(g, "event_type");
            for (int i = 0; i < users.Length; i++)
            {
                table.Users.Add(users.GetString(i)!);
                table.Items.Add(items.GetString(i)!);
                table.TimestampsMs.Add(ts.Int64s[i]);
                table.Ratings.Add(ratings.IsNull(i) ? null : ratings.Doubles[i]);
                table.EventTypes.Add(types.GetString(i)!);
            }
        }

        return table;
    }

    /// <summary>Asserts equality column by column, reporting the first differing row.</summary>
    public void AssertEqual(EventsTable actual)
    {
        Assert.Equal(Count, actual.Count);
        for (int i = 0; i < Count; i++)
        {
            Assert.True(Users[i] == actual.Users[i], $"row {i} user_id: expected {Users[i]}, got {actual.Users[i]}");
            Assert.True(Items[i] == actual.Items[i], $"row {i} item_id: expected {Items[i]}, got {actual.Items[i]}");
            Assert.True(TimestampsMs[i] == actual.TimestampsMs[i], $"row {i} ts: expected {TimestampsMs[i]}, got {actual.TimestampsMs[i]}");
            Assert.True(Ratings[i] == actual.Ratings[i], $"row {i} rating: expected {Ratings[i]}, got {actual.Ratings[i]}");
            Assert.True(EventTypes[i] == actual.EventTypes[i], $"row {i} event_type: expected {EventTypes[i]}, got {actual.EventTypes[i]}");
        }
    }
}
