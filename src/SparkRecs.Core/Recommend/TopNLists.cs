namespace SparkRecs.Core.Recommend;

/// <summary>
/// Fixed-width ranked lists, one per row (a user's top-N items, or an item's most similar items):
/// row <c>r</c> holds up to <see cref="Width"/> item ids in <see cref="Items"/> with their scores,
/// best first. A list shorter than the width (too few candidates) is padded with item id -1.
/// </summary>
/// <remarks>One array per column, <c>8 * rows * width</c> bytes, no per-list objects.</remarks>
public sealed class TopNLists
{
    /// <summary>Allocates <paramref name="rows"/> empty lists of width <paramref name="width"/>.</summary>
    public TopNLists(int rows, int width)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(width);
        long n = (long)rows * width;
        if (n > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(rows), $"{rows} lists of {width} do not fit one array; lower N or write the lists in blocks.");
        }
        Rows = rows;
        Width = width;
        ItemArray = new int[n];
        ScoreArray = new float[n];
        Array.Fill(ItemArray, -1);
    }

    /// <summary>Number of lists.</summary>
    public int Rows { get; }

    /// <summary>Maximum length of each list.</summary>
    public int Width { get; }

    /// <summary>All item ids, row-major; -1 marks padding.</summary>
    public int[] ItemArray { get; }

    /// <summary>All scores, row-major, aligned with <see cref="ItemArray"/>.</summary>
    public float[] ScoreArray { get; }

    /// <summary>The item slots of one list (including -1 padding at the end).</summary>
    public Span<int> Items(int row) => ItemArray.AsSpan(row * Width, Width);

    /// <summary>The score slots of one list.</summary>
    public Span<float> Scores(int row) => ScoreArray.AsSpan(row * Width, Width);

    /// <summary>The number of real (non-padding) entries of one list.</summary>
    public int Length(int row)
    {
        var items = Items(row);
        int n = items.IndexOf(-1);
        return n < 0 ? Width : n;
    }
}
