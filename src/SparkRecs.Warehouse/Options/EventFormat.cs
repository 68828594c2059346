namespace SparkRecs.Warehouse.Options;

/// <summary>
/// The layout of the event files. Config values are the kebab-case names (<c>auto</c>, <c>csv</c>,
/// <c>tsv</c>, <c>movielens-100k</c>, <c>movielens-csv</c>, <c>jsonl</c>); see <see cref="EventFormats"/>.
/// </summary>
public enum EventFormat
{
    /// <summary>Chosen per file from its extension: <c>.csv</c>, <c>.tsv</c>, <c>.data</c> (MovieLens 100K), <c>.jsonl</c>, or a registered reader (Parquet).</summary>
    Auto,

    /// <summary>Comma-separated with RFC 4180 quoting and a header row.</summary>
    Csv,

    /// <summary>Tab-separated with a header row and no quoting.</summary>
    Tsv,

    /// <summary>MovieLens 100K <c>u.data</c>: <c>user \t item \t rating \t unix-seconds</c>, no header.</summary>
    MovieLens100K,

    /// <summary>MovieLens <c>ratings.csv</c> (latest, 20M, 25M): <c>userId,movieId,rating,timestamp</c> with a header.</summary>
    MovieLensCsv,

    /// <summary>One JSON object per line; the column mapping names the properties.</summary>
    JsonLines,
}
