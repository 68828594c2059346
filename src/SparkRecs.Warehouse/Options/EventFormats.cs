namespace SparkRecs.Warehouse.Options;

/// <summary>Parses and names <see cref="EventFormat"/> values the way config files spell them.</summary>
public static class EventFormats
{
    /// <summary>The config spelling of every format, in declaration order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["auto", "csv", "tsv", "movielens-100k", "movielens-csv", "jsonl"];

    /// <summary>Parses a config value (case-insensitive); <c>false</c> when it names no format.</summary>
    public static bool TryParse(string? text, out EventFormat format)
    {
        format = EventFormat.Auto;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }
        for (int i = 0; i < Names.Count; i++)
        {
            if (string.Equals(Names[i], text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                format = (EventFormat)i;
                return true;
            }
        }
        return false;
    }

    /// <summary>The config spelling of <paramref name="format"/>.</summary>
    public static string NameOf(EventFormat format) => Names[(int)format];
}
